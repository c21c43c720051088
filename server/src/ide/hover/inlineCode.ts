// A name as Markdown inline code in hovers; a backtick inside it would end the span, so it becomes a quote.

export function code(text: string): string {
  return '`' + text.replace(/`/g, "'") + '`';
}
