/** Mocha's BDD globals on the test page, typed here (the repository does not install @types/mocha). */
type TestBody = (this: { timeout(ms: number): void }) => void | Promise<void>;

interface MochaBdd {
  describe(title: string, body: () => void): void;
  it(title: string, body: TestBody): void;
  before(body: () => void | Promise<void>): void;
  after(body: () => void | Promise<void>): void;
  beforeEach(body: () => void | Promise<void>): void;
  afterEach(body: () => void | Promise<void>): void;
}

const bdd = globalThis as unknown as MochaBdd;

export const describe = bdd.describe;
export const it = bdd.it;
export const before = bdd.before;
export const after = bdd.after;
export const beforeEach = bdd.beforeEach;
export const afterEach = bdd.afterEach;
