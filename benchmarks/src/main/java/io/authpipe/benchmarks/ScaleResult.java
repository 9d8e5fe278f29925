package io.authpipe.benchmarks;

/** What one size measured. */
record ScaleResult(int timers, LoadFigures load, DispatchFigures dispatch) {
}
