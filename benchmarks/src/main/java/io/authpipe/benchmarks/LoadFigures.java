package io.authpipe.benchmarks;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * The load phase of one size: N input records written (refresh: timers; health: check subjects), then a worker
 * started and left to ingest them.
 *
 * @param publish        minting the tokens at the sandbox, sealing them and writing the records (the loader, not the
 *                       worker)
 * @param recordBytes    key and value bytes of the N records written
 * @param startup        the worker's {@code start} until Streams is RUNNING
 * @param ingest         from RUNNING until the worker committed every record
 * @param ingestCpu      CPU over startup and ingest
 * @param sandboxHeap    heap growth over the publish phase (after full GCs): the sandbox's token rows, plus what the
 *                       benchmark keeps for later phases
 * @param workerHeap     heap growth from before the worker started to after it ingested (after full GCs)
 * @param workerResident resident-set growth over the same span (native memory if the heap was committed and
 *                       touched from the start); empty off Linux
 * @param pendingGauge   the worker's count of what it holds after ingest, an estimate by RocksDB
 *                       ({@code authpipe.refresh.timers.pending}, {@code authpipe.health.connections.scheduled})
 * @param stateBytes     the worker's state directory after it closed (stores flushed): file sizes
 * @param changelogBytes the broker's copy of the worker's stores: the segment files of its changelog topics
 */
record LoadFigures(Duration publish, long recordBytes, Duration startup, Duration ingest, CpuUse ingestCpu,
                   long sandboxHeap, long workerHeap, OptionalLong workerResident, double pendingGauge,
                   long stateBytes, long changelogBytes) {

    /** These figures with the sizes of the worker's state, known once it has closed. */
    LoadFigures withStoredBytes(long state, long changelogs) {
        return new LoadFigures(publish, recordBytes, startup, ingest, ingestCpu, sandboxHeap, workerHeap,
                workerResident, pendingGauge, state, changelogs);
    }
}
