/** The parser has no types of its own: prom2json-shaped output, as its README describes. */
declare module 'parse-prometheus-text-format' {
  export default function parsePrometheusTextFormat(text: string): unknown[];
}
