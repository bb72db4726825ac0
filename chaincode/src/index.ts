export * as vocabulary from './vocabulary';
