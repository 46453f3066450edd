// The API key lives in SecretStorage only; OPENAI_API_KEY is the fallback. The key is never logged or sent to the webview.
import * as vscode from 'vscode';

export const API_KEY_SECRET = 'keel.apiKey';

export class ApiKeyStore {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  async get(): Promise<string | undefined> {
    const stored = await this.secrets.get(API_KEY_SECRET);
    return stored && stored.length > 0 ? stored : process.env.OPENAI_API_KEY || undefined;
  }

  async has(): Promise<boolean> {
    return (await this.get()) !== undefined;
  }

  async set(key: string): Promise<void> {
    await this.secrets.store(API_KEY_SECRET, key.trim());
  }

  async clear(): Promise<void> {
    await this.secrets.delete(API_KEY_SECRET);
  }

  /** Asks for the key in a password box; an empty entry removes the stored key. Returns whether a key is now set. */
  async prompt(): Promise<boolean> {
    const value = await vscode.window.showInputBox({
      title: 'Keel: Set API Key',
      prompt: 'API key for the OpenAI-compatible server (stored in VS Code SecretStorage). Leave empty to remove the stored key.',
      password: true,
      ignoreFocusOut: true,
    });
    if (value === undefined) return this.has();
    if (value.trim() === '') {
      await this.clear();
      void vscode.window.showInformationMessage('Keel: the stored API key was removed.');
    } else {
      await this.set(value);
      void vscode.window.showInformationMessage('Keel: API key stored in SecretStorage.');
    }
    return this.has();
  }
}
