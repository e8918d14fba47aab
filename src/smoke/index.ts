// The smoke build's entry: the whole add-on, plus the smoke test's two top-level functions.
export * from '../server/index';
export { runSmokeTest, smokeTriggerCheck } from './smoke';
