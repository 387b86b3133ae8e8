/** `import source from './x.worklet.ts?worklet'`: the worklet bundled into one script, as a string. */
declare module '*?worklet' {
  const source: string;
  export default source;
}
