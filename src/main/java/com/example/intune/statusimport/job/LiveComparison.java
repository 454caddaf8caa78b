package com.example.intune.statusimport.job;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import com.example.intune.statusimport.devicestatus.DeviceStatusProperty;
import com.example.intune.statusimport.devicestatus.DeviceStatusUpdate;
import com.example.intune.statusimport.graph.DeviceStatusResource.Address;
import com.example.intune.statusimport.graph.LiveReads;
import com.example.intune.statusimport.graph.LiveStatus;
import com.example.intune.statusimport.graph.LiveStatusReader;
import com.example.intune.statusimport.graph.RequestOutcome;
import com.example.intune.statusimport.report.FailureCategory;
import com.example.intune.statusimport.report.RowFailure;

/**
 * {@code --compare live}: what Graph holds decides what a chunk sends. Each valid row is compared, in meaning and
 * only on the properties it sets, with what Graph holds: the same is {@code unchanged}, a difference is sent (and
 * what Graph held is kept for the plan and the rollback file), a status Graph does not hold is {@code not_found}
 * without a write. With {@code --verify} it also reads back what was written.
 */
final class LiveComparison implements AutoCloseable {

	private final LiveStatusReader reader;

	/** Statuses written whose read-back failed: not reported, but counted for the summary. */
	private final AtomicLong notVerified = new AtomicLong();

	LiveComparison(LiveStatusReader reader) {
		this.reader = reader;
	}

	/**
	 * Marks each valid row of the chunk unchanged, or changing with what Graph held.
	 * @param rowsLeft the rows of the input not yet done, this chunk's included
	 * @return the rows that fail without being sent, and why
	 */
	Map<ImportItem, RowFailure> compare(List<ImportItem> items, long rowsLeft) {
		List<ImportItem> valid = items.stream().filter(ImportItem::isSendable).toList();
		LiveReads reads = this.reader.read(addresses(valid), rowsLeft);
		Map<ImportItem, RowFailure> failed = new IdentityHashMap<>();
		for (ImportItem item : valid) {
			Address address = addressOf(item.update());
			RequestOutcome unreadable = reads.failure(address);
			LiveStatus live = reads.of(address);
			if (unreadable != null) {
				// a 404 is not_found with Graph's ids; anything else failed the read, and so the row
				failed.put(item, RowFailures.of(item.update(), unreadable, true));
			}
			else if (live == null) {
				failed.put(item, RowFailure.beforeSending(FailureCategory.NOT_FOUND,
						RowFailures.notFound(item.update(), true)));
			}
			else {
				Map<DeviceStatusProperty, String> before = live.differencesFrom(item.update());
				item.markUnchanged(before.isEmpty());
				item.changesFrom(before);
			}
		}
		return failed;
	}

	/**
	 * {@code --verify}: reads back the statuses just written, one by one.
	 * @return the rows whose status Graph does not hold as sent, and why; a status that could not be read back is
	 * not called unapplied, since Graph accepted the write
	 */
	Map<ImportItem, RowFailure> verify(List<ImportItem> written) {
		LiveReads reads = this.reader.readOneByOne(addresses(written));
		Map<ImportItem, RowFailure> notApplied = new IdentityHashMap<>();
		for (ImportItem item : written) {
			Address address = addressOf(item.update());
			RequestOutcome unreadable = reads.failure(address);
			if (unreadable != null && !unreadable.notFound()) {
				this.notVerified.incrementAndGet();
				continue;
			}
			LiveStatus live = reads.of(address);
			String problem = live == null ? "Graph accepted the change but no longer has the status when read back"
					: mismatch(item.update(), live);
			if (problem != null) {
				notApplied.put(item, RowFailure.beforeSending(FailureCategory.NOT_APPLIED, problem
						+ "; run the row again, and if it fails the same way, something in Intune overrides it"));
			}
		}
		return notApplied;
	}

	/** Removes what the reads kept on disk; Spring calls it when the run's context closes. */
	@Override
	public void close() {
		this.reader.close();
	}

	/** Pages of configuration listings read so far, for the progress display. */
	long pagesRead() {
		return this.reader.pagesRead();
	}

	/** Statuses this process wrote with {@code --verify} whose read-back failed after all its attempts. */
	long notVerified() {
		return this.notVerified.get();
	}

	private static String mismatch(DeviceStatusUpdate update, LiveStatus live) {
		Map<DeviceStatusProperty, String> held = live.differencesFrom(update);
		if (held.isEmpty()) {
			return null;
		}
		return "read back after the write, Graph holds " + held.entrySet()
			.stream()
			.map(e -> e.getKey().graphName() + " " + quoted(e.getValue()) + " (sent "
					+ quoted(update.changes().get(e.getKey())) + ")")
			.collect(Collectors.joining(", "));
	}

	private static String quoted(String value) {
		return value == null ? "null" : "'" + value + "'";
	}

	private static List<Address> addresses(List<ImportItem> items) {
		return items.stream().map(item -> addressOf(item.update())).toList();
	}

	private static Address addressOf(DeviceStatusUpdate update) {
		return new Address(update.deviceConfigurationId(), update.id());
	}

}
