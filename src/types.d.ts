declare module '@gorhill/publicsuffixlist' {
  const psl: {
    parse(text: string, toAscii: (host: string) => string): void;
    getPublicSuffix(hostname: string): string;
    getDomain(hostname: string): string;
  };
  export default psl;
}
