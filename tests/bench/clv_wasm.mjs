// Times the CLV pipeline compiled to WebAssembly (tests/bench/clv_wasm) in node.
// Usage (see tests/bench/clv_wasm/src/lib.rs): node tests/bench/clv_wasm.mjs path/to/clv_wasm.wasm [customers]
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";

const [path, n = "100000"] = process.argv.slice(2);
const { instance } = await WebAssembly.instantiate(readFileSync(path), {});
const e = instance.exports;
// Wall time, and the process's CPU time (user + system), which the machine's load inflates less.
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const time = (label, f) => {
  const [t, c] = [performance.now(), cpuMs()];
  const r = f();
  const wall = (performance.now() - t).toFixed(1).padStart(8);
  const cpu = (cpuMs() - c).toFixed(1).padStart(8);
  console.log(`${label.padEnd(44)} wall ${wall} ms   CPU ${cpu} ms   -> ${r}`);
  return r;
};
time("generate the log (not part of the pipeline)", () => e.generate(Number(n)));
const [total, totalCpu] = [performance.now(), cpuMs()];
time("summary", () => e.step_summary());
time("compress by (x, t_x, T)", () => e.step_compress());
time("BG/NBD fit", () => e.step_fit_bgnbd().toFixed(2));
time("Gamma-Gamma fit", () => e.step_fit_gamma_gamma().toFixed(2));
const wall = (performance.now() - total).toFixed(1).padStart(8);
const cpu = (cpuMs() - totalCpu).toFixed(1).padStart(8);
console.log(`${"summary + compress + both fits".padEnd(44)} wall ${wall} ms   CPU ${cpu} ms`);
time("P(alive) + expected purchases, all", () => e.step_predict().toFixed(1));
time("12-month CLV, all", () => e.step_clv().toFixed(0));
console.log("r, alpha, a, b, p, q, gamma:", [0, 1, 2, 3, 4, 5, 6].map((k) => e.param(k).toFixed(4)).join(", "));
