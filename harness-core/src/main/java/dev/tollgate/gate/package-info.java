/**
 * The gate: turns what a run did ({@link dev.tollgate.report.RunRecord}) into a verdict per
 * {@link dev.tollgate.model.Area} and overall — {@link dev.tollgate.gate.Verdict#GO GO},
 * {@link dev.tollgate.gate.Verdict#NO_GO NO-GO} or {@link dev.tollgate.gate.Verdict#INCONCLUSIVE
 * INCONCLUSIVE} — under configurable {@link dev.tollgate.gate.GateRules} and dated
 * {@link dev.tollgate.gate.Waiver waivers}. {@link dev.tollgate.gate.Gate#evaluate evaluate} returns
 * the verdict; {@link dev.tollgate.gate.Gate#enforce enforce} fails the build on it.
 */
package dev.tollgate.gate;
