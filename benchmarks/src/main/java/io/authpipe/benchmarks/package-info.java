/**
 * Benchmarks, run by hand only (see {@code benchmarks/README.md}): {@link io.authpipe.benchmarks.VaultBenchmark} and
 * {@link io.authpipe.benchmarks.RawAesGcmBenchmark} (JMH) measure the cost of sealing a token against raw AES-GCM;
 * {@link io.authpipe.benchmarks.KmsCallsReport} counts the KMS calls the vault makes against the AWS KMS emulator;
 * {@link io.authpipe.benchmarks.RefreshWorkerScaleReport} runs the refresh-worker with up to a million timers and
 * {@link io.authpipe.benchmarks.HealthWorkerScaleReport} the health-worker with up to 100,000 scheduled connections
 * against the Mastodon sandbox.
 */
package io.authpipe.benchmarks;
