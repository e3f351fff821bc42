package dev.veil.audit;

/** When the writer forces written records to the disk. */
public enum FsyncPolicy {
    /** After every batch: a power loss loses at most the batch being written. The default. */
    BATCH,
    /** After every checkpoint: cheaper; a power loss can lose the records since the last one. */
    CHECKPOINT,
    /** Never explicitly; the operating system decides. For tests and benchmarks. */
    NONE
}
