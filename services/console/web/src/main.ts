import './styles.css';
import { start } from './ui/app';

start();
