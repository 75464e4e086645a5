import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { canonicalJson } from '@tanlian/sdk';
import { MethodologyStore } from '../../src/methodology/services/methodology-store';
import { MethodologySeeder } from '../../src/methodology/services/methodology-seeder';
import { SHENZHEN_METHODOLOGIES } from '../../src/methodology/seed/shenzhen';
import { bearer, startTestApi, TestApi } from '../support/test-app';
import { seedTenancy, TenancyFixture } from '../support/tenancy-fixtures';

let api: TestApi;
let t: TenancyFixture;

beforeAll(async () => {
  api = await startTestApi('methodology');
  t = await seedTenancy(api.app);
  await api.app.get(MethodologySeeder).seedMethodologies(t.a.program.id);
});
afterAll(() => api.close());

const base = (program = t.a.program.code) => `/v1/programs/${program}/methodologies`;
const versionPath = (code: string, version: number, program?: string) =>
  `${base(program)}/${code}/versions/${version}`;
const asBureau = () => bearer(t.a.tokens.bureau);

const db = () => api.app.get(DataSource);
const countRows = async (): Promise<number> =>
  Number((await db().query('SELECT COUNT(*) AS n FROM methodologies'))[0].n);

/** A definition of a behaviour no seed uses, so each test owns its windows. */
function ferry(changes: Record<string, unknown> = {}) {
  return {
    title: '轮渡 (ferry)',
    behaviour: 'ferry',
    model: 'per_distance',
    factorMg: 80_000,
    factorPer: 1_000,
    source: 'test',
    effectiveFrom: '2020-01-01T00:00:00+08:00',
    effectiveTo: '2025-01-01T00:00:00+08:00',
    ...changes,
  };
}

async function createDraft(code: string, definition: object, token = t.a.tokens.bureau) {
  const program = token === t.b.tokens.bureau ? t.b.program.code : t.a.program.code;
  return api.http().post(base(program)).set(bearer(token)).send({ code, definition });
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

describe('published methodologies are public', () => {
  it('lists every seeded methodology without a key, newest publication first', async () => {
    const res = await api.http().get(base());
    expect(res.status).toBe(200);
    const codes = res.body.map((m: { code: string }) => m.code);
    expect([...codes].sort()).toEqual(SHENZHEN_METHODOLOGIES.map((m) => m.code).sort());
    // Seeded in order, so the last seed was published last and is listed first.
    expect(codes[0]).toBe(SHENZHEN_METHODOLOGIES[SHENZHEN_METHODOLOGIES.length - 1].code);
    for (const m of res.body) expect(m.status).toBe('published');
  });

  it('shows the factors, caps, limits, window, formula and a hash anyone can recompute', async () => {
    const res = await api.http().get(versionPath('SZ-METRO', 1));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      code: 'SZ-METRO',
      version: 1,
      status: 'published',
      definition: {
        behaviour: 'metro',
        model: 'per_distance',
        factorMg: 46700,
        factorPer: 1000,
        caps: { perDayEvents: 5 },
        limits: { maxSpeedKmh: 120 },
        effectiveFrom: '2020-01-01T00:00:00+08:00',
        effectiveTo: null,
      },
      formula: 'reduction (mg) = floor(distance (m) × 46700 mg / 1000 m)',
      retiredAt: null,
    });
    // The same value the canonical-JSON unit test derives independently.
    expect(res.body.contentHash).toBe(
      'e776111af43195f504200064bec4ad36eecf588ad6530afd2aecd1683065d44e',
    );
    expect(sha256Hex(canonicalJson(res.body.definition))).toBe(res.body.contentHash);
  });

  it('stores the exact bytes it hashed: SHA2(definition) = content_hash for every published row', async () => {
    const rows: { ok: number }[] = await db().query(
      `SELECT SHA2(definition, 256) = content_hash AS ok FROM methodologies WHERE status <> 'draft'`,
    );
    expect(rows.length).toBeGreaterThanOrEqual(SHENZHEN_METHODOLOGIES.length);
    expect(rows.every((r) => Number(r.ok) === 1)).toBe(true);
  });

  it('filters by behaviour', async () => {
    const res = await api.http().get(base()).query({ behaviour: 'metro_ride' });
    expect(res.status).toBe(200);
    expect(res.body.map((m: { code: string }) => m.code)).toEqual(['WH-METRO-RIDE']);
  });

  it('answers 404 for an unknown program or version, 422 for a malformed one', async () => {
    const noProgram = await api.http().get(base('atlantis'));
    expect(noProgram.status).toBe(404);
    expect(noProgram.body.code).toBe('program_not_found');
    const noVersion = await api.http().get(versionPath('SZ-METRO', 9));
    expect(noVersion.status).toBe(404);
    expect(noVersion.body.code).toBe('methodology_not_found');

    const badVersion = await api.http().get(`${base()}/SZ-METRO/versions/one`);
    expect(badVersion.status).toBe(422);
    expect(badVersion.body.errors).toEqual([
      { field: 'version', reason: 'must be a version number: 1, 2, 3…' },
    ]);
    const badCode = await api.http().get(`${base()}/sz-metro/versions/1`);
    expect(badCode.status).toBe(422);
    expect(badCode.body.errors[0].field).toBe('code');
    const badFilter = await api.http().get(base()).query({ behaviour: 'Metro!', colour: 'green' });
    expect(badFilter.status).toBe(422);
    expect(badFilter.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'behaviour',
      'query',
    ]);
  });

  it('seeds idempotently', async () => {
    const before = await countRows();
    const again = await api.app.get(MethodologySeeder).seedMethodologies(t.a.program.id);
    expect(await countRows()).toBe(before);
    expect(again.map((m) => `${m.code}@${m.version}`)).toEqual(
      SHENZHEN_METHODOLOGIES.map((m) => `${m.code}@1`),
    );
  });
});

describe('the catalog the crediting worker reads', () => {
  it('finds the version in force for a behaviour, and nothing before the window', async () => {
    const catalog = api.app.get(MethodologyStore);
    const metro = await catalog.inForce(t.a.program.id, 'metro', new Date('2026-03-01T08:00:00Z'));
    expect(metro).toMatchObject({ code: 'SZ-METRO', version: 1, model: 'per_distance' });
    expect(metro?.definition).toMatchObject({ factorMg: 46700, factorPer: 1000 });
    expect(metro?.effectiveFrom.toISOString()).toBe('2019-12-31T16:00:00.000Z');
    expect(
      await catalog.inForce(t.a.program.id, 'metro', new Date('2019-12-31T15:59:59.999Z')),
    ).toBeNull();
    expect(await catalog.inForce(t.b.program.id, 'metro', new Date())).toBeNull();
    const all = await catalog.published(t.a.program.id);
    expect(all.map((m) => m.code)).toEqual(expect.arrayContaining(['SZ-POWER', 'WALK']));
  });
});

describe('drafts and publication', () => {
  it('keeps a draft from the public and shows it to the bureau', async () => {
    const created = await createDraft('SZ-FERRY', ferry());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      code: 'SZ-FERRY',
      version: 1,
      status: 'draft',
      contentHash: null,
      publishedAt: null,
    });

    expect((await api.http().get(versionPath('SZ-FERRY', 1))).status).toBe(404);
    const listed = await api.http().get(base()).query({ behaviour: 'ferry' });
    expect(listed.body).toEqual([]);
    const drafts = await api.http().get(`${base()}/drafts`).set(asBureau());
    expect(drafts.status).toBe(200);
    expect(drafts.body.map((m: { code: string }) => m.code)).toContain('SZ-FERRY');

    const edited = await api
      .http()
      .put(versionPath('SZ-FERRY', 1))
      .set(asBureau())
      .send({ definition: ferry({ factorMg: 81_000 }) });
    expect(edited.status).toBe(200);
    expect(edited.body.definition.factorMg).toBe(81_000);
  });

  it('publishes once and never changes it again; a change is a new version', async () => {
    const published = await api
      .http()
      .post(`${versionPath('SZ-FERRY', 1)}/publish`)
      .set(asBureau());
    expect(published.status).toBe(200);
    expect(published.body.status).toBe('published');
    expect(published.body.contentHash).toBe(sha256Hex(canonicalJson(published.body.definition)));
    expect((await api.http().get(versionPath('SZ-FERRY', 1))).status).toBe(200);

    const again = await api
      .http()
      .post(`${versionPath('SZ-FERRY', 1)}/publish`)
      .set(asBureau());
    expect(again.status).toBe(200);
    expect(again.body.contentHash).toBe(published.body.contentHash);

    const edit = await api
      .http()
      .put(versionPath('SZ-FERRY', 1))
      .set(asBureau())
      .send({ definition: ferry({ factorMg: 1 }) });
    expect(edit.status).toBe(409);
    expect(edit.body.code).toBe('methodology_immutable');
    const after = await api.http().get(versionPath('SZ-FERRY', 1));
    expect(after.body.definition.factorMg).toBe(81_000);
    expect(after.body.contentHash).toBe(published.body.contentHash);

    const next = await createDraft(
      'SZ-FERRY',
      ferry({ effectiveFrom: '2025-01-01T00:00:00+08:00', effectiveTo: null, factorMg: 75_000 }),
    );
    expect(next.status).toBe(201);
    expect(next.body.version).toBe(2);
  });

  it('refuses to publish a window that overlaps a published one of the same behaviour, naming it', async () => {
    const overlapping = await createDraft(
      'SZ-FERRY',
      ferry({ effectiveFrom: '2024-06-01T00:00:00+08:00', effectiveTo: null }),
    );
    const res = await api
      .http()
      .post(`${versionPath('SZ-FERRY', overlapping.body.version)}/publish`)
      .set(asBureau());
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('methodology_window_overlap');
    expect(res.body.message).toContain('overlaps the effective window of published SZ-FERRY@1');
    const still = await api.http().get(`${base()}/drafts`).set(asBureau());
    expect(
      still.body.find((m: { version: number }) => m.version === overlapping.body.version).status,
    ).toBe('draft');
  });

  it('hands over at a touching boundary: exactly one version is in force at every instant', async () => {
    const res = await api
      .http()
      .post(`${versionPath('SZ-FERRY', 2)}/publish`)
      .set(asBureau());
    expect(res.status).toBe(200);
    const catalog = api.app.get(MethodologyStore);
    const at = async (iso: string) =>
      (await catalog.inForce(t.a.program.id, 'ferry', new Date(iso)))?.version ?? null;
    expect(await at('2024-12-31T15:59:59.999Z')).toBe(1);
    expect(await at('2024-12-31T16:00:00.000Z')).toBe(2);
  });

  it('retires: out of force, still public, and its window free for a replacement', async () => {
    const retired = await api
      .http()
      .post(`${versionPath('SZ-FERRY', 1)}/retire`)
      .set(asBureau());
    expect(retired.status).toBe(200);
    expect(retired.body.status).toBe('retired');
    expect(retired.body.retiredAt).not.toBeNull();
    const publicView = await api.http().get(versionPath('SZ-FERRY', 1));
    expect(publicView.body.status).toBe('retired');
    const catalog = api.app.get(MethodologyStore);
    expect(
      await catalog.inForce(t.a.program.id, 'ferry', new Date('2022-01-01T00:00:00Z')),
    ).toBeNull();
    expect((await catalog.published(t.a.program.id)).map((m) => `${m.code}@${m.version}`)).toEqual(
      expect.not.arrayContaining(['SZ-FERRY@1']),
    );

    const again = await api
      .http()
      .post(`${versionPath('SZ-FERRY', 1)}/retire`)
      .set(asBureau());
    expect(again.status).toBe(200);
    const republish = await api
      .http()
      .post(`${versionPath('SZ-FERRY', 1)}/publish`)
      .set(asBureau());
    expect(republish.status).toBe(409);
    expect(republish.body.code).toBe('methodology_retired');

    const replacement = await createDraft('SZ-FERRY', ferry({ factorMg: 79_000 }));
    const published = await api
      .http()
      .post(`${versionPath('SZ-FERRY', replacement.body.version)}/publish`)
      .set(bearer(t.adminToken));
    expect(published.status).toBe(200);
  });

  it('refuses to retire a draft and to change the behaviour of a code', async () => {
    const draft = await createDraft(
      'SZ-FERRY',
      ferry({ effectiveFrom: '2030-01-01T00:00:00Z', effectiveTo: null }),
    );
    const retire = await api
      .http()
      .post(`${versionPath('SZ-FERRY', draft.body.version)}/retire`)
      .set(asBureau());
    expect(retire.status).toBe(409);
    expect(retire.body.code).toBe('methodology_not_published');

    const bus = await createDraft('SZ-FERRY', ferry({ behaviour: 'bus' }));
    expect(bus.status).toBe(409);
    expect(bus.body.code).toBe('methodology_behaviour_mismatch');
  });
});

describe('another program', () => {
  let betaOnly: number;

  beforeAll(async () => {
    const res = await createDraft('BETA-ONLY', ferry(), t.b.tokens.bureau);
    expect(res.status).toBe(201);
    betaOnly = res.body.version;
  });

  it("never shows one program's methodologies, published or draft, under another", async () => {
    expect((await api.http().get(versionPath('SZ-METRO', 1, t.b.program.code))).status).toBe(404);
    const betaList = await api.http().get(base(t.b.program.code));
    expect(betaList.status).toBe(200);
    expect(betaList.body).toEqual([]);
    const betaDrafts = await api
      .http()
      .get(`${base(t.b.program.code)}/drafts`)
      .set(bearer(t.b.tokens.bureau));
    expect(betaDrafts.body.map((m: { code: string }) => m.code)).toEqual(['BETA-ONLY']);
    const alphaList = await api.http().get(base());
    expect(JSON.stringify(alphaList.body)).not.toContain('BETA-ONLY');
  });

  it('answers 404 to a bureau reaching into another program, and changes nothing', async () => {
    const before = await db().query('SELECT * FROM methodologies ORDER BY id');
    const intoBeta = [
      api
        .http()
        .get(`${base(t.b.program.code)}/drafts`)
        .set(asBureau()),
      api
        .http()
        .post(`${versionPath('BETA-ONLY', betaOnly, t.b.program.code)}/publish`)
        .set(asBureau()),
      api
        .http()
        .put(versionPath('BETA-ONLY', betaOnly, t.b.program.code))
        .set(asBureau())
        .send({ definition: ferry() }),
    ];
    for (const res of await Promise.all(intoBeta)) {
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('program_not_found');
    }
    // Program B's code through program A's path: as missing as a code that never existed.
    const viaAlpha = await api
      .http()
      .post(`${versionPath('BETA-ONLY', betaOnly)}/publish`)
      .set(asBureau());
    expect(viaAlpha.status).toBe(404);
    expect(viaAlpha.body.code).toBe('methodology_not_found');
    expect(await db().query('SELECT * FROM methodologies ORDER BY id')).toEqual(before);
  });
});

describe('bad input', () => {
  const cases: [string, unknown, string[]][] = [
    [
      'a fractional factor',
      { code: 'BAD', definition: ferry({ factorMg: 46.7 }) },
      ['definition.factorMg'],
    ],
    [
      'a factor as a string',
      { code: 'BAD', definition: ferry({ factorPer: '1000' }) },
      ['definition.factorPer'],
    ],
    [
      'a missing factor',
      { code: 'BAD', definition: ferry({ factorPer: undefined }) },
      ['definition.factorPer'],
    ],
    [
      'an unknown model',
      { code: 'BAD', definition: ferry({ model: 'per_hug' }) },
      ['definition.model'],
    ],
    [
      'a limit of another model',
      { code: 'BAD', definition: ferry({ limits: { maxUnits: 10 } }) },
      ['definition.limits.maxUnits'],
    ],
    [
      'a window ending before it starts',
      { code: 'BAD', definition: ferry({ effectiveTo: '2019-01-01T00:00:00+08:00' }) },
      ['definition.effectiveTo'],
    ],
    ['a lowercase code', { code: 'bad', definition: ferry() }, ['code']],
    ['an unknown field', { code: 'BAD', definition: ferry(), colour: 'green' }, ['body']],
    ['no definition', { code: 'BAD' }, ['definition']],
  ];

  it.each(cases)(
    'answers 422 naming each field for %s, and writes nothing',
    async (_, body, fields) => {
      const before = await countRows();
      const res = await api
        .http()
        .post(base())
        .set(asBureau())
        .send(body as object);
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('validation_failed');
      expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(
        [...fields].sort(),
      );
      for (const e of res.body.errors) expect(e.reason.length).toBeGreaterThan(3);
      expect(await countRows()).toBe(before);
    },
  );

  it('answers 422 to a bad edit and keeps the draft as it was', async () => {
    const draft = await createDraft('SZ-KAYAK', ferry({ behaviour: 'kayak' }));
    const res = await api
      .http()
      .put(versionPath('SZ-KAYAK', 1))
      .set(asBureau())
      .send({ definition: ferry({ behaviour: 'kayak', caps: { perEventMg: 0 } }) });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([
      { field: 'definition.caps.perEventMg', reason: 'must be at least 1' },
    ]);
    const drafts = await api.http().get(`${base()}/drafts`).set(asBureau());
    const kept = drafts.body.find((m: { code: string }) => m.code === 'SZ-KAYAK');
    expect(kept.definition).toEqual(draft.body.definition);
  });

  it('answers 422 for a missing body', async () => {
    const res = await api.http().post(base()).set(asBureau());
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ field: 'body', reason: 'is required (a JSON object)' }]);
  });
});

describe('concurrent writes', () => {
  it('numbers concurrent drafts of one code 1…n without a gap or a clash', async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, () => createDraft('SZ-RACE', ferry({ behaviour: 'race' }))),
    );
    expect(results.map((r) => r.status)).toEqual(Array(6).fill(201));
    expect(results.map((r) => r.body.version).sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('publishes exactly one of two overlapping drafts sent at the same time', async () => {
    const a = await createDraft('SZ-DUEL', ferry({ behaviour: 'duel' }));
    const b = await createDraft('SZ-DUEL', ferry({ behaviour: 'duel' }));
    const results = await Promise.all(
      [a, b].map((d) =>
        api
          .http()
          .post(`${versionPath('SZ-DUEL', d.body.version)}/publish`)
          .set(asBureau()),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const catalog = api.app.get(MethodologyStore);
    const inForce = (await catalog.published(t.a.program.id)).filter((m) => m.behaviour === 'duel');
    expect(inForce).toHaveLength(1);
  });
});
