/** A piece of JSON text already written (told apart from the values still to write). */
class Text {
  constructor(readonly text: string) {}
}

/**
 * JSON.stringify without recursion: the fuzz sends values nested 5,000 deep, which JSON.stringify
 * (recursive) cannot write from inside fast-check's already deep call stack. Same output for plain JSON values.
 */
export function stringifyDeep(root: unknown): string {
  const out: string[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const item = stack.pop();
    if (item instanceof Text) {
      out.push(item.text);
    } else if (Array.isArray(item)) {
      stack.push(new Text(']'));
      for (let i = item.length - 1; i >= 0; i--) stack.push(item[i] === undefined ? null : item[i], ...(i > 0 ? [new Text(',')] : []));
      stack.push(new Text('['));
    } else if (item !== null && typeof item === 'object') {
      const entries = Object.entries(item).filter(([, v]) => v !== undefined);
      stack.push(new Text('}'));
      for (let i = entries.length - 1; i >= 0; i--) stack.push(entries[i][1], new Text(`${i > 0 ? ',' : ''}${JSON.stringify(entries[i][0])}:`));
      stack.push(new Text('{'));
    } else {
      out.push(JSON.stringify(item) ?? 'null');
    }
  }
  return out.join('');
}
