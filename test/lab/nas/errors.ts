// Middleware errors as midclt prints them: `[<errno name>] <attribute or ALL>: <message>`, one line per validation error.
export interface ValidationItem {
  attribute: string;
  message: string;
  errno?: string;
}

export class MidError extends Error {
  readonly items: ValidationItem[];

  constructor(items: ValidationItem[]) {
    super(items.map((i) => i.message).join('; '));
    this.items = items;
  }

  render(): string {
    return this.items.map((i) => `[${i.errno ?? 'EINVAL'}] ${i.attribute}: ${i.message}`).join('\n');
  }
}

export function fail(attribute: string, message: string, errno = 'EINVAL'): never {
  throw new MidError([{ attribute, message, errno }]);
}

/** Collects validation errors so one call reports all of them, as the middleware does. */
export class Verrors {
  readonly items: ValidationItem[] = [];

  add(attribute: string, message: string, errno = 'EINVAL'): void {
    this.items.push({ attribute, message, errno });
  }

  check(): void {
    if (this.items.length > 0) throw new MidError(this.items);
  }
}
