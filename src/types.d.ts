declare module '@gorhill/publicsuffixlist' {
  const psl: {
    parse(text: string, toAscii: (host: string) => string): void;
    /** The parsed list in the library's own form: loading it again needs no parse. */
    toSelfie(): { magic: number; buf32: number[] };
    fromSelfie(selfie: { magic: number; buf32: ArrayLike<number> }): boolean;
    getPublicSuffix(hostname: string): string;
    getDomain(hostname: string): string;
  };
  export default psl;
}
