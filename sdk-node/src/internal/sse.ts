/**
 * A Server-Sent Events parser (WHATWG HTML, "Interpreting an event stream") fed raw bytes as they arrive, split
 * anywhere: inside a UTF-8 sequence, a line, or between the CR and LF of a CRLF. Lines end with LF, CRLF or CR;
 * lines starting with `:` are comments; `data:` lines join with LF; `id:` sets the last event id (unless it holds
 * NUL); `retry:` takes ASCII digits only; a blank line dispatches, and a block without data dispatches nothing.
 */
export interface SseEvent {
  /** The `event:` field, or `message` when absent. */
  readonly type: string;
  readonly data: string;
  /** The last event id at dispatch (it carries over from earlier events, as the spec says). */
  readonly id: string;
}

export interface SseListener {
  event(event: SseEvent): void;
  retry?(ms: number): void;
  comment?(text: string): void;
}

export class SseParser {
  readonly #listener: SseListener;
  readonly #decoder = new TextDecoder('utf-8', { ignoreBOM: false });
  #buffer = '';
  #afterCr = false;
  #type = '';
  #data: string[] = [];
  #lastEventId = '';

  constructor(listener: SseListener, lastEventId = '') {
    this.#listener = listener;
    this.#lastEventId = lastEventId;
  }

  /** Feeds a chunk; dispatches every event it completes. */
  push(chunk: Uint8Array): void {
    this.#scan(this.#decoder.decode(chunk, { stream: true }));
  }

  #scan(text: string): void {
    if (text === '') return;
    let start = 0;
    if (this.#afterCr && text.startsWith('\n')) start = 1;
    this.#afterCr = false;
    for (let i = start; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c !== LF && c !== CR) continue;
      this.#line(this.#buffer + text.slice(start, i));
      this.#buffer = '';
      if (c === CR) {
        if (i + 1 === text.length) this.#afterCr = true;
        else if (text.charCodeAt(i + 1) === LF) i++;
      }
      start = i + 1;
    }
    this.#buffer += text.slice(start);
  }

  #line(line: string): void {
    if (line === '') return this.#dispatch();
    if (line.startsWith(':')) return this.#listener.comment?.(line.slice(1).trimStart());
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    this.#field(field, value);
  }

  #field(field: string, value: string): void {
    if (field === 'event') this.#type = value;
    else if (field === 'data') this.#data.push(value);
    else if (field === 'id' && !value.includes('\0')) this.#lastEventId = value;
    else if (field === 'retry' && /^\d+$/.test(value)) this.#listener.retry?.(Number(value));
  }

  #dispatch(): void {
    const type = this.#type || 'message';
    const data = this.#data;
    this.#type = '';
    this.#data = [];
    if (data.length === 0) return;
    this.#listener.event({ type, data: data.join('\n'), id: this.#lastEventId });
  }
}

const LF = 10;
const CR = 13;
