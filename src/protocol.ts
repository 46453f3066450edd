// Typed messages between the extension and the panel webview, imported by both sides; every message is validated on receipt.

export interface PanelConfigState {
  readonly baseUrl: string;
  readonly model: string;
  readonly hasApiKey: boolean;
  readonly trusted: boolean;
}

export type ToPanel =
  | { readonly type: 'state/init'; readonly config: PanelConfigState; readonly version: string };

export type FromPanel =
  | { readonly type: 'panel/ready' }
  | { readonly type: 'command/run'; readonly command: PanelCommand };

/** The VS Code commands the panel may ask the extension to run; nothing else is accepted. */
export const PANEL_COMMANDS = ['keel.setApiKey', 'keel.showLog', 'workbench.action.openSettings'] as const;
export type PanelCommand = (typeof PANEL_COMMANDS)[number];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Returns the message when it is a well-formed FromPanel, else undefined. Never throws. */
export function parseFromPanel(value: unknown): FromPanel | undefined {
  if (!isRecord(value) || typeof value.type !== 'string') return undefined;
  switch (value.type) {
    case 'panel/ready':
      return { type: 'panel/ready' };
    case 'command/run': {
      const command = value.command;
      return typeof command === 'string' && (PANEL_COMMANDS as readonly string[]).includes(command)
        ? { type: 'command/run', command: command as PanelCommand }
        : undefined;
    }
    default:
      return undefined;
  }
}

/** Returns the message when it is a well-formed ToPanel, else undefined. Never throws. */
export function parseToPanel(value: unknown): ToPanel | undefined {
  if (!isRecord(value) || typeof value.type !== 'string') return undefined;
  switch (value.type) {
    case 'state/init': {
      const c = value.config;
      if (!isRecord(c) || typeof value.version !== 'string') return undefined;
      if (typeof c.baseUrl !== 'string' || typeof c.model !== 'string' || typeof c.hasApiKey !== 'boolean' || typeof c.trusted !== 'boolean') return undefined;
      return { type: 'state/init', version: value.version, config: { baseUrl: c.baseUrl, model: c.model, hasApiKey: c.hasApiKey, trusted: c.trusted } };
    }
    default:
      return undefined;
  }
}

export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${JSON.stringify(value)}`);
}
