package io.authpipe.benchmarks;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * The load phase of one size: N timers written, then a refresh-worker started and left to ingest them.
 *
 * @param publish        minting the tokens at the sandbox, sealing them and writing the timers (the loader, not the
 *                       worker)
 * @param timerBytes     key and value bytes of the N timer records written
 * @param startup        {@code RefreshWorker.start} until Streams is RUNNING
 * @param ingest         from RUNNING until the worker committed every timer
 * @param ingestCpu      CPU over startup and ingest
 * @param sandboxHeap    heap growth over the publish phase (after full GCs): the sandbox's token rows, plus the K
 *                       timers the benchmark keeps for the dispatch phase
 * @param workerHeap     heap growth from before the worker started to after it ingested (after full GCs)
 * @param workerResident resident-set growth over the same span (native memory if the heap was committed and
 *                       touched from the start); empty off Linux
 * @param pendingGauge   {@code authpipe.refresh.timers.pending} after ingest (an estimate by RocksDB)
 * @param stateBytes     the worker's state directory after it closed (stores flushed): file sizes
 * @param changelogBytes the broker's copy of the worker's stores: the segment files of its changelog topics
 */
record LoadFigures(Duration publish, long timerBytes, Duration startup, Duration ingest, CpuUse ingestCpu,
                   long sandboxHeap, long workerHeap, OptionalLong workerResident, double pendingGauge,
                   long stateBytes, long changelogBytes) {

    /** These figures with the sizes of the worker's state, known once it has closed. */
    LoadFigures withStoredBytes(long state, long changelogs) {
        return new LoadFigures(publish, timerBytes, startup, ingest, ingestCpu, sandboxHeap, workerHeap,
                workerResident, pendingGauge, state, changelogs);
    }
}
