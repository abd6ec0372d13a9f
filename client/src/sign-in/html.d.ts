// `import PAGE from './index.html' with { loader: 'text' }` (the spec reads the page's own markup).
declare module '*.html' {
  const text: string;
  export default text;
}
