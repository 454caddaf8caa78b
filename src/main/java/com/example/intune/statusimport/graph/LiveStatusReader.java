package com.example.intune.statusimport.graph;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;

import com.example.intune.statusimport.devicestatus.DeviceStatusProperty;
import com.example.intune.statusimport.graph.DeviceStatusResource.Address;

/**
 * Reads what Graph holds for the statuses a chunk is about to write, as cheaply as the read quota allows.
 * <p>
 * The cost model: a page of a configuration's list costs one read and answers for a whole page of statuses; a
 * single GET costs one read (also inside a {@code $batch}) and answers for one. So a configuration is listed, page
 * after page, as long as the pages read cost fewer reads than its rows still to come would cost one by one (the rows
 * left in the file times the configuration's share of the rows so far); past that budget the rest is read one by
 * one. When that estimate holds, this costs at most twice the cheaper of the two, whatever the configuration's size
 * (which nobody knows before listing it). Listed statuses wait until their row comes: on the heap up to a quarter of it,
 * beyond that on disk ({@link StatusSpill}), so that a file in any order costs the pages. A listing is trusted for
 * {@link #MAX_AGE}; after that its statuses are read again (by the same rule, with the rows the last listing served as
 * the budget).
 * <p>
 * A status missing from a listing is asked for once more on its own before it is called missing: Intune may have
 * created it since the page was read, and the listing may have stopped at its budget. Only a configuration that Graph
 * does not have at all (its list answers 404) makes its statuses missing without asking.
 */
public final class LiveStatusReader implements AutoCloseable {

	/** Configurations listed side by side, as many as the default requests in flight. */
	private static final int LISTINGS_AT_ONCE = GraphSettings.DEFAULT_CONCURRENCY;

	/** What one listed status takes on the heap, generously (measured: about 750 bytes). */
	private static final long BYTES_PER_LISTED_STATUS = 1000;

	/** How long a listing is trusted: a device reporting since then is not seen until it is read again. */
	public static final Duration MAX_AGE = Duration.ofMinutes(10);

	/** Every property, so that a plan can show each value and a rollback can restore it. */
	static final String SELECT = "$select=" + java.util.Arrays.stream(DeviceStatusProperty.values())
		.filter(p -> p != DeviceStatusProperty.DEVICE_CONFIGURATION_ID)
		.map(DeviceStatusProperty::graphName)
		.collect(Collectors.joining(","));

	private final GraphClient graph;

	private final LongSupplier nanoTime;

	private final Map<String, ConfigurationListing> listings = new HashMap<>();

	private final AtomicLong pagesRead = new AtomicLong();

	private final AtomicLong singleReads = new AtomicLong();

	private ExecutorService listers;

	/** Rows met so far, by configuration and in all: each configuration's share of the rows still to come. */
	private final Map<String, Long> rowsSeen = new HashMap<>();

	private long rowsSeenInAll;

	private final ListedStatuses kept;

	public LiveStatusReader(GraphClient graph) {
		this(graph, System::nanoTime);
	}

	LiveStatusReader(GraphClient graph, LongSupplier nanoTime) {
		this(graph, nanoTime, Runtime.getRuntime().maxMemory() / 4 / BYTES_PER_LISTED_STATUS);
	}

	LiveStatusReader(GraphClient graph, LongSupplier nanoTime, long heldCap) {
		this(graph, nanoTime, heldCap, Path.of(System.getProperty("java.io.tmpdir")));
	}

	/**
	 * @param heldCap the most listed statuses kept on the heap at once
	 * @param spillParent the folder in which the others wait, in a folder of their own ({@link StatusSpill})
	 */
	LiveStatusReader(GraphClient graph, LongSupplier nanoTime, long heldCap, Path spillParent) {
		this.graph = graph;
		this.nanoTime = nanoTime;
		this.kept = new ListedStatuses(heldCap, spillParent);
	}

	/** Ids are compared without letter case, as Graph compares them. */
	public static String keyOf(Address address) {
		return address.deviceConfigurationId().toLowerCase(Locale.ROOT) + "/" + address.id().toLowerCase(Locale.ROOT);
	}

	/**
	 * What Graph holds for each of {@code addresses}.
	 * @param rowsLeft the rows of the input not yet done, this chunk's included: what reading one by one could cost
	 */
	public LiveReads read(List<Address> addresses, long rowsLeft) {
		Map<String, LiveStatus> held = new HashMap<>();
		Map<String, RequestOutcome> missing = new HashMap<>();
		List<Address> oneByOne = new ArrayList<>();
		Map<String, List<Address>> byConfiguration = addresses.stream()
			.collect(Collectors.groupingBy(a -> a.deviceConfigurationId().toLowerCase(Locale.ROOT),
					LinkedHashMap::new, Collectors.toList()));
		byConfiguration.forEach((key, wanted) -> this.rowsSeen.merge(key, (long) wanted.size(), Long::sum));
		this.rowsSeenInAll += addresses.size();
		Map<String, ConfigurationListing> listed = listingsOf(byConfiguration, rowsLeft);
		byConfiguration.forEach((configuration, wanted) -> {
			ConfigurationListing listing = listed.get(configuration);
			List<Address> notListed = new ArrayList<>();
			for (Address address : wanted) {
				listing.served++;
				if (!taken(listing, address, held)) {
					notListed.add(address);
				}
			}
			for (Address address : notListed) {
				if (listing.configurationMissing == null) {
					oneByOne.add(address);
				}
				else {
					missing.put(keyOf(address), listing.configurationMissing);
				}
			}
		});
		LiveReads single = readOneByOne(oneByOne);
		held.putAll(single.held());
		missing.putAll(single.failed());
		return new LiveReads(held, missing);
	}

	/** What Graph holds for each of {@code addresses}, each read on its own (in {@code $batch}es), now. */
	public LiveReads readOneByOne(List<Address> addresses) {
		Map<String, LiveStatus> held = new HashMap<>();
		Map<String, RequestOutcome> failed = new HashMap<>();
		List<RequestOutcome> outcomes = this.graph.readAll(addresses.stream()
			.map(a -> GraphRequest.get(DeviceStatusResource.path(a.deviceConfigurationId(), a.id()) + "?" + SELECT,
					a.id()))
			.toList());
		this.singleReads.addAndGet(addresses.size());
		for (int i = 0; i < addresses.size(); i++) {
			Address address = addresses.get(i);
			RequestOutcome outcome = outcomes.get(i);
			if (outcome.succeeded()) {
				held.put(keyOf(address), LiveStatus.of(address.deviceConfigurationId(), outcome.body()));
			}
			else {
				failed.put(keyOf(address), outcome);
			}
		}
		return new LiveReads(held, failed);
	}

	private boolean taken(ConfigurationListing listing, Address address, Map<String, LiveStatus> held) {
		LiveStatus found = this.kept.take(listing, address.id().toLowerCase(Locale.ROOT));
		if (found == null) {
			return false;
		}
		held.put(keyOf(address), found);
		return true;
	}

	/** Statuses listed beyond the heap's share, kept on disk. */
	long spilled() {
		return this.kept.spilled();
	}

	/** Stops the listings still running and removes the statuses kept on disk, and their folder. */
	@Override
	public synchronized void close() {
		if (this.listers != null) {
			this.listers.shutdownNow();
		}
		this.kept.close();
	}

	/** List pages read so far. */
	public long pagesRead() {
		return this.pagesRead.get();
	}

	/** Statuses read one by one so far. */
	public long singleReads() {
		return this.singleReads.get();
	}

	/**
	 * The listing of each configuration, read again when it is older than {@link #MAX_AGE}. Configurations are listed
	 * side by side: a list is read page after page (each page names the next), so one at a time would leave the read
	 * quota idle while each page travels.
	 */
	private Map<String, ConfigurationListing> listingsOf(Map<String, List<Address>> byConfiguration, long rowsLeft) {
		long now = this.nanoTime.getAsLong();
		Map<String, ConfigurationListing> listed = new HashMap<>();
		Map<String, CompletableFuture<ConfigurationListing>> reading = new LinkedHashMap<>();
		byConfiguration.forEach((key, wanted) -> {
			ConfigurationListing listing = this.listings.get(key);
			if (listing != null && now - listing.readAtNanos < MAX_AGE.toNanos()) {
				listed.put(key, listing);
				return;
			}
			// the rows of this configuration still to come, as far as the file so far tells; after a first listing,
			// the rows it served tell how many one-by-one reads a new one may save
			long rowsOfIt = Math.max(wanted.size(), (long) Math.ceil((double) rowsLeft * this.rowsSeen.get(key)
					/ this.rowsSeenInAll));
			long budget = listing == null ? rowsOfIt : Math.min(rowsOfIt, Math.max(1, listing.served));
			if (listing != null) {
				this.kept.forget(listing);
			}
			String configurationId = wanted.get(0).deviceConfigurationId();
			reading.put(key, CompletableFuture.supplyAsync(() -> list(configurationId, budget, now), listers()));
		});
		reading.forEach((key, future) -> {
			ConfigurationListing listing = joined(future, reading);
			this.listings.put(key, listing);
			listed.put(key, listing);
		});
		return listed;
	}

	/** The listing, or the failure that ended it (a fatal answer, a stop) after the others were cancelled. */
	private static ConfigurationListing joined(CompletableFuture<ConfigurationListing> future,
			Map<String, CompletableFuture<ConfigurationListing>> all) {
		try {
			return future.join();
		}
		catch (CompletionException ex) {
			all.values().forEach(other -> other.cancel(true));
			throw ex.getCause() instanceof RuntimeException cause ? cause : ex;
		}
	}

	private synchronized ExecutorService listers() {
		if (this.listers == null) {
			AtomicInteger count = new AtomicInteger();
			this.listers = Executors.newFixedThreadPool(LISTINGS_AT_ONCE, runnable -> {
				Thread thread = new Thread(runnable, "graph-list-" + count.incrementAndGet());
				thread.setDaemon(true);
				return thread;
			});
		}
		return this.listers;
	}

	/** Starts listing the configuration: its first pages, as far as {@link #readPages} goes. */
	private ConfigurationListing list(String configurationId, long budget, long now) {
		ConfigurationListing listing = new ConfigurationListing(configurationId, budget, now,
				"/deviceManagement/deviceConfigurations/" + configurationId + "/deviceStatuses?" + SELECT);
		readPages(listing);
		return listing;
	}

	/**
	 * Reads the listing's pages while they cost fewer reads than its budget of single GETs. Statuses beyond the heap's
	 * share wait on disk ({@link StatusSpill}).
	 */
	private void readPages(ConfigurationListing listing) {
		while (listing.canGoOn()) {
			RequestOutcome page = this.graph.send(GraphRequest.get(listing.next, null));
			listing.pages++;
			this.pagesRead.incrementAndGet();
			if (!page.succeeded()) {
				// a configuration Graph does not have has no statuses; any other failure leaves single reads to do it
				listing.configurationMissing = page.notFound() ? page : null;
				listing.next = null;
				return;
			}
			for (JsonNode value : page.body().path("value")) {
				LiveStatus status = LiveStatus.of(listing.configurationId, value);
				if (status.id() != null) {
					this.kept.keep(listing, status.id().toLowerCase(Locale.ROOT), status);
				}
			}
			listing.next = nextPage(page.body());
		}
	}

	private String nextPage(JsonNode page) {
		String link = page.path("@odata.nextLink").asString(null);
		if (link == null) {
			return null;
		}
		return this.graph.belowServiceRoot(link)
			.orElseThrow(() -> new GraphFatalException("Graph answered a next page at '" + link + "', which is not below"
					+ " the Graph URL; the access token is sent nowhere else. Check --graph-url (an import can also run"
					+ " with --compare recorded, which reads nothing from Graph)."));
	}

}
