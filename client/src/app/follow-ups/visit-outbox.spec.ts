import { HttpErrorResponse } from '@angular/common/http';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { of, throwError } from 'rxjs';
import type { SessionUserDto } from '../core/api/api-types';
import { AuthStore } from '../core/auth/auth-store';
import { FollowUpsApi, type FollowUpDetailDto, type RecordVisitDto } from './follow-ups-api';
import { MemoryVault, OUTBOX_VAULT } from './outbox-vault';
import { KEEP_OTHERS_FOR_DAYS, RETRY_AFTER_MS, VisitOutbox } from './visit-outbox';

const counsellor = (id: string): SessionUserDto => ({
  id,
  username: id,
  displayName: `社工${id}`,
  role: 'counsellor',
  organisationId: 'station-1',
});
const A = counsellor('user-a');
const B = counsellor('user-b');

/** What a station counsellor types: the abstinence and free text are the most sensitive parts. */
const visit = (n: number): RecordVisitDto => ({
  clientRef: `00000000-0000-4000-8000-00000000000${n}`,
  state: 'done',
  visitedOn: '2026-03-10',
  contactMethod: 'home_visit',
  employmentStatus: 'employed',
  employerName: '椰风酒店',
  incomeBand: '2000_3999',
  supportNeeds: '住在表哥家，想学电焊',
  abstinence: { status: 'relapsed', basis: 'test_verified' },
});
const SECRETS = ['relapsed', 'test_verified', 'abstinence', '椰风酒店', '表哥', 'home_visit', '2000_3999', 'supportNeeds'];

const isBinary = (v: unknown) => ArrayBuffer.isView(v) || Object.prototype.toString.call(v) === '[object ArrayBuffer]';

/** Everything the vault and localStorage hold, binary decoded as text, so a plaintext fragment would show. */
function dump(vault: MemoryVault): string {
  const text = JSON.stringify([...vault.boxes.values(), ...vault.keys.values()], (_, v: unknown) =>
    isBinary(v) ? new TextDecoder().decode(v as ArrayBuffer) : v,
  );
  const local = Object.keys(localStorage).map((k) => `${k}=${localStorage.getItem(k)}`);
  return [text, ...local].join('\n');
}

describe('VisitOutbox', () => {
  let vault: MemoryVault;
  let user: ReturnType<typeof signal<SessionUserDto | null>>;
  let online: boolean;
  /** Each record call, and who was signed in when it was made. */
  let calls: { visitId: string; as: string | undefined }[];
  let refuse: Set<string>;

  function make(): VisitOutbox {
    return TestBed.inject(VisitOutbox);
  }

  function signInAs(u: SessionUserDto | null): void {
    user.set(u);
    TestBed.tick();
  }

  beforeEach(() => {
    localStorage.clear();
    vault = new MemoryVault();
    user = signal<SessionUserDto | null>(A);
    online = false;
    calls = [];
    refuse = new Set();
    const record = (visitId: string) => {
      calls.push({ visitId, as: user()?.id });
      if (!online) return throwError(() => new HttpErrorResponse({ status: 0, statusText: 'Unknown Error' }));
      if (refuse.has(visitId)) return throwError(() => new HttpErrorResponse({ status: 409, statusText: 'Conflict' }));
      return of({} as FollowUpDetailDto);
    };
    TestBed.configureTestingModule({
      providers: [
        { provide: AuthStore, useValue: { user } },
        { provide: FollowUpsApi, useValue: { record } },
        { provide: OUTBOX_VAULT, useValue: vault },
      ],
    });
  });

  it('sends at once when it can', async () => {
    online = true;
    const outbox = make();
    expect(await outbox.submit('v1', visit(1))).toBe('sent');
    expect(outbox.pending()).toEqual([]);
    expect(vault.boxes.size + vault.keys.size).toBe(0);
  });

  it('keeps only what the server needs, sealed with a non-extractable AES-GCM key: nothing readable is stored', async () => {
    localStorage.setItem('jbh.followUps.outbox', JSON.stringify([{ visitId: 'old', traineeName: '羊超霞', dto: visit(9) }]));
    const outbox = make();
    // The old plaintext outbox (no owner) is deleted, never sent.
    expect(localStorage.getItem('jbh.followUps.outbox')).toBeNull();

    expect(await outbox.submit('v1', visit(1))).toBe('queued');
    expect(outbox.pending()).toEqual([{ owner: A.id, visitId: 'v1', dto: visit(1) }]);
    expect(Object.keys(outbox.pending()[0]!)).not.toContain('traineeName');

    const stored = dump(vault);
    for (const secret of [...SECRETS, '羊超霞']) expect({ secret, stored: stored.includes(secret) }).toEqual({ secret, stored: false });

    const box = vault.boxes.get(A.id)!;
    const key = (await vault.key(A.id))!;
    expect(box.iv.byteLength).toBe(12);
    expect(key.algorithm.name).toBe('AES-GCM');
    expect(key.extractable).toBe(false);
    await expect(crypto.subtle.exportKey('raw', key)).rejects.toThrow();
    // It is real ciphertext: it opens with the owner's key, and only bound to the owner's id.
    const aad = (owner: string) => new TextEncoder().encode(`jbh.outbox:${owner}`);
    const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: box.iv, additionalData: aad(A.id) }, key, box.data);
    expect(JSON.parse(new TextDecoder().decode(plain))).toEqual([{ owner: A.id, visitId: 'v1', dto: visit(1) }]);
    await expect(crypto.subtle.decrypt({ name: 'AES-GCM', iv: box.iv, additionalData: aad(B.id) }, key, box.data)).rejects.toThrow();
  });

  it('is per user: the next user on the phone sees none of it; its owner finds it again', async () => {
    const outbox = make();
    TestBed.tick();
    await outbox.submit('v1', visit(1));

    signInAs(null);
    expect(outbox.pending()).toEqual([]);
    signInAs(B);
    expect(outbox.pending()).toEqual([]);
    expect(await outbox.unsentCount()).toBe(0);
    await outbox.submit('v2', visit(2));
    expect(outbox.pending().map((p) => p.visitId)).toEqual(['v2']);

    // One box and one key each.
    expect([...vault.boxes.keys()].sort()).toEqual([A.id, B.id]);
    expect(await vault.key(A.id)).not.toBe(await vault.key(B.id));

    signInAs(A);
    expect(await outbox.unsentCount()).toBe(1);
    expect(outbox.pending()).toEqual([{ owner: A.id, visitId: 'v1', dto: visit(1) }]);
  });

  it("flush sends only the signed-in user's own items, under their own session", async () => {
    const outbox = make();
    TestBed.tick();
    await outbox.submit('a1', visit(1));
    await outbox.submit('a2', visit(2));
    signInAs(B);
    await outbox.submit('b1', visit(3));

    online = true;
    calls = [];
    expect(await outbox.flush()).toEqual({ sent: 1, refused: 0, left: 0 });
    expect(calls).toEqual([{ visitId: 'b1', as: B.id }]);
    expect(vault.boxes.has(A.id)).toBe(true); // A's wait, sealed, for A

    // Nobody signed in: nothing is sent.
    signInAs(null);
    expect(await outbox.flush()).toEqual({ sent: 0, refused: 0, left: 0 });
    expect(calls).toHaveLength(1);

    // A signs in again: A's go, as A (at sign-in, and a flush now finds nothing more).
    signInAs(A);
    await outbox.flush();
    await outbox.flush();
    expect(calls.slice(1)).toEqual([
      { visitId: 'a1', as: A.id },
      { visitId: 'a2', as: A.id },
    ]);
    expect(outbox.pending()).toEqual([]);
    // Nothing waiting: no box and no key are left.
    expect(vault.boxes.size + vault.keys.size).toBe(0);
  });

  it('keeps a visit when the network fails, drops one the server refuses for good', async () => {
    const outbox = make();
    TestBed.tick();
    await outbox.submit('v1', visit(1));
    await outbox.submit('v2', visit(2));
    expect(await outbox.flush()).toEqual({ sent: 0, refused: 0, left: 2 });
    online = true;
    refuse.add('v1');
    expect(await outbox.flush()).toEqual({ sent: 1, refused: 1, left: 0 });
  });

  it('touches no storage for anyone but a counsellor (a trainee signing out on their own phone)', async () => {
    const reads = [vi.spyOn(vault, 'owners'), vi.spyOn(vault, 'box'), vi.spyOn(vault, 'key')];
    user.set({ ...counsellor('trainee-1'), role: 'trainee' });
    const outbox = make();
    TestBed.tick();
    online = true;
    expect(await outbox.unsentCount()).toBe(0);
    expect(await outbox.flush()).toEqual({ sent: 0, refused: 0, left: 0 });
    for (const read of reads) expect(read).not.toHaveBeenCalled();
    expect(calls).toEqual([]);
  });

  it('discard deletes the items and the key', async () => {
    const outbox = make();
    TestBed.tick();
    await outbox.submit('v1', visit(1));
    signInAs(B);
    await outbox.submit('v2', visit(2));
    await outbox.discard();
    expect(outbox.pending()).toEqual([]);
    expect(vault.boxes.has(B.id)).toBe(false);
    expect(await vault.key(B.id)).toBeUndefined();
    expect(vault.boxes.has(A.id)).toBe(true); // only one's own
  });

  it("a box copied under another user's id does not open there (and is deleted)", async () => {
    const outbox = make();
    TestBed.tick();
    await outbox.submit('v1', visit(1));
    signInAs(B);
    await outbox.submit('v2', visit(2));
    signInAs(null);
    vault.boxes.set(B.id, { ...vault.boxes.get(A.id)!, owner: B.id });
    signInAs(B);
    expect(await outbox.unsentCount()).toBe(0);
    expect(vault.boxes.has(B.id)).toBe(false);
  });

  it(`deletes other users' boxes left untouched for ${KEEP_OTHERS_FOR_DAYS} days, keeps recent ones`, async () => {
    const outbox = make();
    TestBed.tick();
    await outbox.submit('v1', visit(1));
    signInAs(B);
    await outbox.submit('v2', visit(2));
    signInAs(null);
    const old = Date.now() - (KEEP_OTHERS_FOR_DAYS + 1) * 86_400_000;
    vault.boxes.set(A.id, { ...vault.boxes.get(A.id)!, savedAt: old });
    vault.keys.set(A.id, { ...vault.keys.get(A.id)!, createdAt: old });

    signInAs(counsellor('user-c'));
    expect(await outbox.unsentCount()).toBe(0);
    expect(vault.boxes.has(A.id)).toBe(false);
    expect(vault.keys.has(A.id)).toBe(false);
    expect(vault.boxes.has(B.id)).toBe(true);
  });
  it('remembers its last send (the page says 已发送 ✓) until the next visit is kept, and never for the next user', async () => {
    const outbox = make();
    TestBed.tick();
    await outbox.submit('v1', visit(1));
    expect(outbox.lastSent()).toBeNull();

    online = true;
    await outbox.flush();
    expect(outbox.lastSent()).toEqual({ sent: 1, refused: 0, left: 0 });
    // A page opened later still finds it; a flush with nothing to send does not wipe it.
    await outbox.flush();
    expect(outbox.lastSent()).toEqual({ sent: 1, refused: 0, left: 0 });

    online = false;
    await outbox.submit('v2', visit(2));
    expect(outbox.lastSent()).toBeNull();
    online = true;
    await outbox.flush();
    expect(outbox.lastSent()).toEqual({ sent: 1, refused: 0, left: 0 });

    signInAs(B);
    expect(outbox.lastSent()).toBeNull();
  });

  it('tries again by itself when a send fails although the phone says it is online', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const outbox = make();
      TestBed.tick();
      await outbox.submit('v1', visit(1));
      // The `online` event came, but the network does not carry traffic yet.
      expect(await outbox.flush()).toEqual({ sent: 0, refused: 0, left: 1 });
      expect(outbox.lastSent()).toBeNull();

      online = true;
      calls = [];
      await vi.advanceTimersByTimeAsync(RETRY_AFTER_MS[0]);
      await outbox.flush();
      expect(calls).toEqual([{ visitId: 'v1', as: A.id }]);
      expect(outbox.pending()).toEqual([]);
      expect(outbox.lastSent()).toEqual({ sent: 1, refused: 0, left: 0 });
    } finally {
      vi.useRealTimers();
    }
  });
});
