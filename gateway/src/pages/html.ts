/** A piece of HTML that is already safe to send: markup from {@link html}, never text from a request. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const entities: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => entities[c] ?? c);
}

type Interpolation = SafeHtml | string | number | undefined | readonly (SafeHtml | string)[];

function render(value: Interpolation): string {
  if (value === undefined) {
    return '';
  }
  if (value instanceof SafeHtml) {
    return value.value;
  }
  if (Array.isArray(value)) {
    return (value as readonly (SafeHtml | string)[]).map(render).join('');
  }
  return escapeHtml(String(value));
}

/** A template for HTML: every interpolated string is escaped, nested {@link SafeHtml} is kept as it is. */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): SafeHtml {
  return new SafeHtml(strings.reduce((out, part, i) => out + render(values[i - 1]) + part, ''));
}
