import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ABSENT, CollectionChangedError, readCollectionFile, writeCollectionFile } from '../../src/node/collectionFile';

describe('collection file (atomic writes, backups, concurrent edits)', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paper-lens-collection-'));
    file = path.join(dir, 'sub', 'collection.json');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const leftovers = () => fs.readdirSync(path.dirname(file)).filter(f => f.endsWith('.tmp'));

  it('reads a missing file as an empty collection, and creates it (and its folder) on the first write', async () => {
    const first = await readCollectionFile(file);
    assert.deepStrictEqual(first, { text: '', stamp: ABSENT });
    const stamp = await writeCollectionFile(file, '[]\n', first.stamp);
    assert.strictEqual(fs.readFileSync(file, 'utf8'), '[]\n');
    assert.ok(!fs.existsSync(`${file}.bak`), 'nothing to back up the first time');
    const again = await readCollectionFile(file);
    assert.deepStrictEqual({ ...again.stamp, mtimeMs: 0 }, { ...stamp, mtimeMs: 0 });
    assert.strictEqual(stamp.size, 3);
  });

  it('keeps the version it replaces as <file>.bak and leaves no temporary file', async () => {
    let stamp = await writeCollectionFile(file, '["v1"]\n', ABSENT);
    stamp = await writeCollectionFile(file, '["v2"]\n', stamp);
    const before = fs.statSync(file).ino;
    await writeCollectionFile(file, '["v3"]\n', stamp);
    // A rename puts a new file in place; rewriting in place (which a crash can leave half done) would keep the inode.
    if (process.platform !== 'win32') assert.notStrictEqual(fs.statSync(file).ino, before, 'the file was replaced, not rewritten in place');
    assert.strictEqual(fs.readFileSync(file, 'utf8'), '["v3"]\n');
    assert.strictEqual(fs.readFileSync(`${file}.bak`, 'utf8'), '["v2"]\n');
    assert.deepStrictEqual(leftovers(), []);
  });

  it('a write killed between writing and renaming leaves the previous collection intact', async () => {
    const stamp = await writeCollectionFile(file, '["before"]\n', ABSENT);
    let tmpSeen = '';
    await assert.rejects(writeCollectionFile(file, '["after"]\n', stamp, {
      beforeRename: tmp => {
        tmpSeen = tmp;
        // The new text is complete on disk, next to the collection, when the process dies.
        assert.strictEqual(fs.readFileSync(tmp, 'utf8'), '["after"]\n');
        throw new Error('killed');
      },
    }), /killed/);
    assert.strictEqual(fs.readFileSync(file, 'utf8'), '["before"]\n');
    assert.strictEqual(path.dirname(tmpSeen), path.dirname(file), 'the temporary file is in the same folder (rename stays atomic)');
    assert.deepStrictEqual(leftovers(), []);
    const after = await readCollectionFile(file);
    assert.strictEqual(after.stamp.hash, stamp.hash, 'the next write can go ahead from the same version');
  });

  it('refuses to overwrite an edit made since the last read, even one of the same size and time', async () => {
    const stamp = await writeCollectionFile(file, '["mine"]\n', ABSENT);
    fs.writeFileSync(file, '["your"]\n');
    fs.utimesSync(file, new Date(stamp.mtimeMs), new Date(stamp.mtimeMs));
    const err = await writeCollectionFile(file, '["mine2"]\n', stamp).then(() => undefined, (e: unknown) => e);
    assert.ok(err instanceof CollectionChangedError, String(err));
    assert.strictEqual(err.current.exists, true);
    assert.strictEqual(fs.readFileSync(file, 'utf8'), '["your"]\n');
    assert.ok(!fs.existsSync(`${file}.bak`) || fs.readFileSync(`${file}.bak`, 'utf8') !== '["your"]\n');
    assert.deepStrictEqual(leftovers(), []);
  });

  it('refuses to create a file that appeared meanwhile, and notices one deleted meanwhile', async () => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, '["someone else"]\n');
    await assert.rejects(writeCollectionFile(file, '[]\n', ABSENT), CollectionChangedError);
    const stamp = (await readCollectionFile(file)).stamp;
    fs.rmSync(file);
    await assert.rejects(writeCollectionFile(file, '[]\n', stamp), CollectionChangedError);
    assert.ok(!fs.existsSync(file));
  });

  it('an edit that lands while the new text is being written is not overwritten either', async () => {
    const stamp = await writeCollectionFile(file, '["v1"]\n', ABSENT);
    await assert.rejects(writeCollectionFile(file, '["mine"]\n', stamp, { beforeRename: () => fs.writeFileSync(file, '["theirs"]\n') }), CollectionChangedError);
    assert.strictEqual(fs.readFileSync(file, 'utf8'), '["theirs"]\n');
    assert.deepStrictEqual(leftovers(), []);
  });

  it('keeps a linked collection linked, and the file mode it had', async function () {
    if (process.platform === 'win32') this.skip();
    const real = path.join(dir, 'real.json');
    fs.writeFileSync(real, '[]\n');
    fs.chmodSync(real, 0o600);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.symlinkSync(real, file);
    const stamp = (await readCollectionFile(file)).stamp;
    await writeCollectionFile(file, '["x"]\n', stamp);
    assert.ok(fs.lstatSync(file).isSymbolicLink());
    assert.strictEqual(fs.readFileSync(real, 'utf8'), '["x"]\n');
    assert.strictEqual(fs.statSync(real).mode & 0o777, 0o600);
  });

  it('says why a path cannot be a collection', async () => {
    fs.mkdirSync(file, { recursive: true });
    await assert.rejects(readCollectionFile(file), /is a folder/);
  });
});
