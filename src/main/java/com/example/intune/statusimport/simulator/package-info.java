/**
 * The local Graph simulator: the device status endpoint with {@code $batch}, seeded faults and a write quota, and a
 * simulated identity platform, all on 127.0.0.1, for tests, rehearsals and benchmarks.
 */
package com.example.intune.statusimport.simulator;
