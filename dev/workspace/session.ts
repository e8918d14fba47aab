// Session: the active user's address, for "Send a test to me" (src/server/workspace/survey-send.ts).
// reference/base/session#getActiveUser(): the address may be blank (consumer accounts, another domain
// than the script's owner, some trigger contexts); getActiveUser() needs the userinfo.email scope.
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
  getActiveUser(): FakeUser {
    this.rec('getActiveUser');
    return new FakeUser(this.env, this.env.activeUserEmail);
  }
}
