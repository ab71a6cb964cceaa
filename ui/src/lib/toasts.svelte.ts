// Short-lived notices at the bottom of the window: saved, submitted, warnings, errors.

export type ToastKind = 'success' | 'info' | 'warn' | 'danger';

export interface Toast {
  id: number;
  kind: ToastKind;
  message: string;
}

let nextId = 1;

class Toasts {
  items = $state<Toast[]>([]);

  show(kind: ToastKind, message: string, timeoutMs = kind === 'danger' || kind === 'warn' ? 8000 : 3500): number {
    const id = nextId++;
    this.items = [...this.items.slice(-3), { id, kind, message }];
    if (timeoutMs > 0) setTimeout(() => this.dismiss(id), timeoutMs);
    return id;
  }

  dismiss(id: number): void {
    this.items = this.items.filter((t) => t.id !== id);
  }
}

export const toasts = new Toasts();
