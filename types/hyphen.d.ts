declare module 'hyphen/nb' {
  export function hyphenateSync(text: string): string;
}
declare module 'hyphen/nn' {
  export function hyphenateSync(text: string): string;
}
