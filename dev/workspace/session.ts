// Session: the user, and the script's time zone.
import { createHash } from 'node:crypto';
import { Counted, Env } from './env';

export class FakeUser extends Counted {
  constructor(
    env: Env,
    private readonly email: string,
  ) {
    super(env, 'Session', 'User');
  }
  getEmail(): string {
    this.rec('getEmail');
    return this.email;
  }
}

export class FakeSession extends Counted {
  constructor(env: Env) {
    super(env, 'Session', null);
  }
  // reference/base/session#getActiveUser(): the address may be blank (consumer accounts, another domain
  // than the script's owner, some trigger contexts); getEmail() needs the userinfo.email scope.
  getActiveUser(): FakeUser {
    this.rec('getActiveUser');
    return new FakeUser(this.env, this.env.activeUserEmail);
  }
  getEffectiveUser(): FakeUser {
    this.rec('getEffectiveUser');
    return new FakeUser(this.env, this.env.userEmail);
  }
  getScriptTimeZone(): string {
    this.rec('getScriptTimeZone');
    return this.env.scriptTimeZone;
  }
  getActiveUserLocale(): string {
    this.rec('getActiveUserLocale');
    return 'en';
  }
  /** Stable per user, opaque, like the real key (which is stable for 30 days). */
  getTemporaryActiveUserKey(): string {
    this.rec('getTemporaryActiveUserKey');
    return createHash('sha256').update(`temp-key:${this.env.userEmail}`).digest('base64url').slice(0, 43);
  }
}
