// ScriptApp: the AuthMode enum and the OAuth token for now; triggers will grow here.
import { Counted, Env } from './env';

export const AuthMode = Object.freeze({
  NONE: 'NONE',
  CUSTOM_FUNCTION: 'CUSTOM_FUNCTION',
  LIMITED: 'LIMITED',
  FULL: 'FULL',
});

export class FakeScriptApp extends Counted {
  readonly AuthMode = AuthMode;

  constructor(env: Env) {
    super(env, 'ScriptApp', null);
  }
  getOAuthToken(): string {
    this.rec('getOAuthToken');
    return 'ya29.in-memory-token';
  }
  getScriptId(): string {
    this.rec('getScriptId');
    return '1InMemoryScriptId';
  }
}
