// LangGraph.js with its SQLite checkpointer: a graph of STEPS sequential nodes, each returning a
// 4 KB string, run with durability "sync" (each step's checkpoint is written before the next step
// starts). A step's time is the interval between the starts of consecutive nodes, as Synod's
// harness times its steps. Prints one tab-separated "result" line per SQLite synchronous mode.
//
// usage: node bench.mjs DIR [STEPS] [WARMUP_RUNS] [RUNS]
import Database from "better-sqlite3";
import { SqliteSaver } from "@langchain/langgraph-checkpoint-sqlite";
import { Annotation, StateGraph, START, END } from "@langchain/langgraph";
import { mkdirSync } from "node:fs";
import { join } from "node:path";

const [dir, stepsArg, warmupArg, runsArg] = process.argv.slice(2);
if (!dir) {
  console.error("usage: node bench.mjs DIR [STEPS] [WARMUP_RUNS] [RUNS]");
  process.exit(2);
}
const steps = Number(stepsArg ?? 1000);
const warmupRuns = Number(warmupArg ?? 1);
const runs = Number(runsArg ?? 3);
const payload = "x".repeat(4096 - 8);

const State = Annotation.Root({ out: Annotation({ reducer: (_, b) => b, default: () => "" }) });

// "chain": STEPS distinct nodes, one edge after another. "loop": one node that a conditional edge
// sends back to itself until it has run STEPS times: the same steps and checkpoints, without a
// graph (and a checkpoint's channel versions) that grow with the number of steps.
function graph(shape, starts) {
  const g = new StateGraph(State);
  if (shape === "loop") {
    g.addNode("step", async () => {
      const i = starts.length;
      starts.push(process.hrtime.bigint());
      return { out: String(i).padStart(8, "0") + payload };
    });
    g.addEdge(START, "step");
    g.addConditionalEdges("step", () => (starts.length < steps ? "step" : END));
    return g;
  }
  for (let i = 0; i < steps; i++) {
    g.addNode(`n${i}`, async () => {
      starts.push(process.hrtime.bigint());
      // A different 4 KB value at every step, so that nothing can be deduplicated.
      return { out: String(i).padStart(8, "0") + payload };
    });
  }
  g.addEdge(START, "n0");
  for (let i = 1; i < steps; i++) g.addEdge(`n${i - 1}`, `n${i}`);
  g.addEdge(`n${steps - 1}`, END);
  return g;
}

async function measure(shape, mode) {
  mkdirSync(dir, { recursive: true });
  const db = new Database(join(dir, `langgraph-${shape}-${mode}.db`));
  const saver = new SqliteSaver(db);
  saver.setup(); // sets journal_mode=WAL; synchronous stays better-sqlite3's default unless set here
  if (mode !== "default") db.pragma(`synchronous=${mode}`);
  const journal = db.pragma("journal_mode", { simple: true });
  const synchronous = db.pragma("synchronous", { simple: true });
  const starts = [];
  const app = graph(shape, starts).compile({ checkpointer: saver });
  const samples = [];
  for (let r = 0; r < warmupRuns + runs; r++) {
    starts.length = 0;
    const result = await app.invoke({ out: "" }, {
      configurable: { thread_id: `${shape}-${mode}-${r}` },
      durability: "sync",
      recursionLimit: steps + 10,
    });
    if (!result.out.startsWith(String(steps - 1).padStart(8, "0")) || starts.length !== steps) {
      throw new Error(`run ${r} did not run ${steps} steps: ran ${starts.length}`);
    }
    if (r >= warmupRuns) {
      for (let i = 1; i < starts.length; i++) samples.push(Number(starts[i] - starts[i - 1]) / 1e3);
    }
  }
  const checkpoints = db.prepare("SELECT count(*) AS n FROM checkpoints").get().n;
  db.close();
  samples.sort((a, b) => a - b);
  const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
  const p50 = samples[Math.max(0, Math.ceil(0.5 * samples.length) - 1)];
  const names = { 0: "OFF", 1: "NORMAL", 2: "FULL", 3: "EXTRA" };
  console.log(["result", `langgraph-${shape}-${mode}`, samples.length, mean.toFixed(1), p50.toFixed(1),
    `journal_mode=${journal} synchronous=${names[synchronous] ?? synchronous}; ${checkpoints} checkpoints`].join("\t"));
}

for (const shape of (process.env.LANGGRAPH_SHAPES ?? "loop,chain").split(",")) {
  for (const mode of ["default", "FULL"]) await measure(shape, mode);
}
