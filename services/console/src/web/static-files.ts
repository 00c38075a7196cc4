import { existsSync, readFileSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.json': 'application/json', '.woff2': 'font/woff2',
};

export interface StaticFile {
  body: Buffer;
  gzipped?: Buffer;
  type: string;
}

/** The built app's files, read once and kept with their gzip form (they never change while the console runs). */
export class StaticFiles {
  private readonly cache = new Map<string, StaticFile>();

  constructor(private readonly root: string) {}

  get built(): boolean {
    return existsSync(join(this.root, 'index.html'));
  }

  /** A file under the root, or undefined (paths that leave the root never match). */
  get(relative: string): StaticFile | undefined {
    const path = normalize(join(this.root, relative));
    if (!path.startsWith(this.root + sep)) return undefined;
    // Only found files are kept: a build made after the start is picked up.
    const cached = this.cache.get(path) ?? this.load(path);
    if (cached) this.cache.set(path, cached);
    return cached;
  }

  private load(path: string): StaticFile | undefined {
    if (!existsSync(path)) return undefined;
    const body = readFileSync(path);
    const type = TYPES[extname(path)] ?? 'application/octet-stream';
    return { body, type, gzipped: /text|javascript|json|svg/.test(type) ? gzipSync(body) : undefined };
  }
}
