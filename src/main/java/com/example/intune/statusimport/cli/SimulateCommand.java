package com.example.intune.statusimport.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import com.example.intune.statusimport.simulator.GraphSimulator;
import com.example.intune.statusimport.simulator.SimulatorSettings;

/** {@code simulate}: a local Graph for rehearsals, demos and benchmarks. */
@Command(name = "simulate", mixinStandardHelpOptions = true, versionProvider = Version.class,
		showDefaultValues = true, sortOptions = false,
		description = { "Serves the device status PATCH endpoint on 127.0.0.1 and keeps what it is sent, with seeded"
				+ " faults, so that a migration can be rehearsed without touching a tenant. Stop it with Ctrl-C.",
				"GET /_simulator/dump returns what it holds and what it answered.", "" })
final class SimulateCommand implements Callable<Integer> {

	private final PrintStream out;

	private final PrintStream err;

	private final boolean ownsProcess;

	@Option(names = "--port", defaultValue = "8089", description = "The port on 127.0.0.1; 0 picks a free one.")
	int port;

	@Option(names = "--port-file", paramLabel = "PATH",
			description = "Write the port to this file once listening (for scripts that use --port 0).")
	Path portFile;

	@Option(names = "--seed", defaultValue = "1", description = "Seed of the random faults.")
	long seed;

	@Option(names = "--throttle-rate", paramLabel = "SHARE", defaultValue = "0",
			description = "Share of writes answered 429.")
	double throttleRate;

	@Option(names = "--no-retry-after-share", paramLabel = "SHARE", defaultValue = "0",
			description = "Share of those 429s sent without Retry-After.")
	double noRetryAfterShare;

	@Option(names = "--retry-after", paramLabel = "DURATION", defaultValue = "1s", converter = DurationConverter.class,
			description = "Retry-After of a random 429.")
	Duration retryAfter;

	@Option(names = "--error-rate", paramLabel = "SHARE", defaultValue = "0",
			description = "Share of writes answered 502, 503 or 504.")
	double errorRate;

	@Option(names = "--drop-rate", paramLabel = "SHARE", defaultValue = "0",
			description = "Share of requests whose connection is closed without an answer.")
	double dropRate;

	@Option(names = "--latency", paramLabel = "DURATION", defaultValue = "0ms", converter = DurationConverter.class,
			description = "Time added before each answer.")
	Duration latency;

	@Option(names = "--write-quota", paramLabel = "N", defaultValue = "0",
			description = "Writes accepted per --quota-window before 429 with the seconds left (Intune: 100 per 20s);"
					+ " 0 for none.")
	int writeQuota;

	@Option(names = "--quota-window", paramLabel = "DURATION", defaultValue = "20s",
			converter = DurationConverter.class, description = "The length of the write quota window.")
	Duration quotaWindow;

	@Option(names = "--token", paramLabel = "TOKEN",
			description = "The only bearer token accepted (others get 401). Default: any non-empty token.")
	String token;

	@Option(names = "--known-ids", paramLabel = "PATH",
			description = "A file of known ids, one per line as id or deviceConfigurationId/id; others get 404."
					+ " Default: every id exists.")
	Path knownIds;

	@Option(names = "--dump", paramLabel = "PATH", description = "Write what the simulator holds to this file on exit.")
	Path dump;

	@CommandLine.Spec
	CommandLine.Model.CommandSpec spec;

	SimulateCommand(PrintStream out, PrintStream err, boolean ownsProcess) {
		this.out = out;
		this.err = err;
		this.ownsProcess = ownsProcess;
	}

	@Override
	public Integer call() throws Exception {
		for (double share : new double[] { this.throttleRate, this.noRetryAfterShare, this.errorRate, this.dropRate }) {
			if (share < 0 || share > 1) {
				throw new CommandLine.ParameterException(this.spec.commandLine(),
						"a rate or share must be between 0 and 1, not " + share);
			}
		}
		SimulatorSettings settings = new SimulatorSettings(this.port, this.seed, this.throttleRate,
				this.noRetryAfterShare, this.retryAfter, this.errorRate, this.dropRate, this.latency, this.writeQuota,
				this.quotaWindow, this.token, readKnownIds());
		GraphSimulator simulator = GraphSimulator.start(settings);
		if (this.portFile != null) {
			Files.writeString(this.portFile, Integer.toString(simulator.port()));
		}
		this.out.println("Graph simulator listening on " + simulator.graphUrl() + " (Ctrl-C to stop)");
		CountDownLatch stopped = new CountDownLatch(1);
		Thread hook = new Thread(() -> {
			simulator.close();
			if (this.dump != null) {
				try {
					simulator.dumpTo(this.dump);
				}
				catch (IOException ex) {
					this.err.println("device-status-import: cannot write " + this.dump + ": " + ex.getMessage());
				}
			}
			stopped.countDown();
		}, "simulator-stop");
		if (this.ownsProcess) {
			Runtime.getRuntime().addShutdownHook(hook);
		}
		stopped.await();
		return 0;
	}

	private Set<String> readKnownIds() {
		if (this.knownIds == null) {
			return Set.of();
		}
		try {
			return Files.readAllLines(this.knownIds)
				.stream()
				.map(String::strip)
				.filter(line -> !line.isEmpty() && !line.startsWith("#"))
				.collect(Collectors.toSet());
		}
		catch (IOException ex) {
			throw new UserError("--known-ids " + this.knownIds + " cannot be read: " + ex.getMessage());
		}
	}

}
