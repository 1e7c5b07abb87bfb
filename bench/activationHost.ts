// Loaded inside the real extension host by scripts/host/benchActivation.js (as extensionTestsPath):
// activates Paper Lens once in a fresh host (or finds it active) and writes what it cost to
// $PAPER_LENS_BENCH_OUT.
//   activationMs    what activate() measures of itself (the number its API returns)
//   activateCallMs  the whole extensions.activate() call seen from outside: loading dist/extension.js
//                   and the host's own bookkeeping as well
import * as fs from 'fs';
import { performance } from 'perf_hooks';
import * as vscode from 'vscode';
import type { PaperLensApi } from '../src/extension';

export async function run(): Promise<void> {
  const out = process.env.PAPER_LENS_BENCH_OUT;
  if (!out) throw new Error('PAPER_LENS_BENCH_OUT is not set');
  const ext = vscode.extensions.getExtension<PaperLensApi>('paper-lens.paper-lens');
  if (!ext) throw new Error('paper-lens.paper-lens is not loaded in this host');
  // Already active means something (an opened note) activated it first: the number is still
  // activate()'s own, but the call below measures nothing, so it is recorded as such.
  const wasActive = ext.isActive;
  const t0 = performance.now();
  const api = await ext.activate();
  const activateCallMs = performance.now() - t0;
  fs.writeFileSync(out, JSON.stringify({ activationMs: api.activationMs, activateCallMs, wasActive, vscode: vscode.version }));
}
