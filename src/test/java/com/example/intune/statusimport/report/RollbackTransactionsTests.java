package com.example.intune.statusimport.report;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;

import com.example.intune.statusimport.input.InputFile;
import com.example.intune.statusimport.input.InputFormat;

import static com.example.intune.statusimport.devicestatus.DeviceStatusProperty.STATUS;
import static com.example.intune.statusimport.report.Rollbacks.before;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The rollback file across commits, crashes and resumed runs: each applied row once, never a row of a chunk that did
 * not commit, the file a run started kept whatever the resumed run's own start time, and never a file written over
 * that the run did not write.
 */
class RollbackTransactionsTests {

	private static final String HEADER = "id,status,deviceConfigurationId,_line,_rollback_note";

	@TempDir
	Path dir;

	private InputFile input() throws Exception {
		Path file = Files.writeString(this.dir.resolve("in.csv"), "id,status\ndcs-1,compliant\ndcs-2,compliant\n"
				+ "dcs-3,compliant\n", StandardCharsets.UTF_8);
		return InputFile.inspect(file, InputFormat.CSV);
	}

	/** The default name, as a run started at {@code time} gives it. */
	private Path startedAt(String time) {
		return this.dir.resolve("in.rollback-" + time + ".csv");
	}

	private static String row(int number, String status) {
		return "dcs-" + number + "," + status + ",cfg-default," + (number + 1) + ",";
	}

	@Test
	void rowsOfAChunkThatNeverCommittedAreCutOffAlthoughPartOfThemReachedTheDisk() throws Exception {
		Path path = startedAt("20261130T110000Z");
		Rollbacks.Run run = new Rollbacks.Run(input(), path, false, new ExecutionContext()).applied(0,
				before(STATUS, "error"))
			.commit();
		long committed = Files.size(path);
		for (int i = 0; i < 2000; i++) {
			run.applied(1, before(STATUS, "x".repeat(100)));
		}
		assertThat(Files.size(path)).as("the buffer spilled to disk").isGreaterThan(committed);

		run.end(BatchStatus.FAILED);

		assertThat(Files.readAllLines(path)).containsExactly(HEADER, row(1, "error"));
	}

	@Test
	void aRunResumedAfterACrashContinuesTheFileItStartedUnderItsNameAndHoldsEachAppliedRowOnce() throws Exception {
		Rollbacks.Run crashed = new Rollbacks.Run(input(), startedAt("20261130T110000Z"), false,
				new ExecutionContext())
			.applied(0, before(STATUS, "error"))
			.commit()
			.applied(1, before(STATUS, "conflict"));
		crashed.file.update(new ExecutionContext()); // the rows reached the disk, but the chunk never committed
		// killed here: neither the end of the step nor close ran

		// the resumed run starts an hour later: its own default name is another
		new Rollbacks.Run(input(), startedAt("20261130T120000Z"), false, crashed.saved)
			.applied(1, before(STATUS, "conflict"))
			.commit()
			.applied(2, before(STATUS, "unknown"))
			.commit()
			.end(BatchStatus.COMPLETED);

		assertThat(Files.readAllLines(startedAt("20261130T110000Z"))).containsExactly(HEADER, row(1, "error"),
				row(2, "conflict"), row(3, "unknown"));
		assertThat(startedAt("20261130T120000Z")).doesNotExist();
	}

	@Test
	void aRunResumedWithAnotherGivenPathWritesTheRestThereAndNamesBothFiles() throws Exception {
		Rollbacks.Run crashed = new Rollbacks.Run(input(), startedAt("20261130T110000Z"), false,
				new ExecutionContext())
			.applied(0, before(STATUS, "error"))
			.commit();
		Path other = this.dir.resolve("other.rollback.csv");

		Rollbacks.Run resumed = new Rollbacks.Run(input(), other, true, crashed.saved)
			.applied(1, before(STATUS, "conflict"))
			.commit();
		resumed.end(BatchStatus.COMPLETED);

		assertThat(Files.readAllLines(startedAt("20261130T110000Z"))).containsExactly(HEADER, row(1, "error"));
		assertThat(Files.readAllLines(other)).containsExactly(HEADER, row(2, "conflict"));
		assertThat(resumed.file.allWritten()).containsExactly(startedAt("20261130T110000Z"), other);
	}

	@Test
	void aFileAtTheGivenPathIsNeverWrittenOverAndTheRunStops() throws Exception {
		Path path = Files.writeString(this.dir.resolve("undo.csv"), "another run's rollback file");

		assertThatThrownBy(() -> new Rollbacks.Run(input(), path, true, new ExecutionContext()))
			.isInstanceOf(ItemStreamException.class)
			.hasMessage("the rollback file " + path + " already exists, and this run did not write it: a run never"
					+ " writes over another run's rollback file. Give --rollback with a path where no file is, or move"
					+ " that file away.");
		assertThat(Files.readString(path)).isEqualTo("another run's rollback file");
	}

	@Test
	void aDefaultNameThatIsTakenGetsANumberAndTheFileThereIsLeftAlone() throws Exception {
		Path taken = Files.writeString(startedAt("20261130T110000Z"), "a run started in the same second");
		Files.writeString(startedAt("20261130T110000Z-2"), "and another");

		Rollbacks.Run run = new Rollbacks.Run(input(), taken, false, new ExecutionContext())
			.applied(0, before(STATUS, "error"))
			.commit();
		run.end(BatchStatus.COMPLETED);

		assertThat(run.file.written()).contains(startedAt("20261130T110000Z-3"));
		assertThat(Files.readAllLines(startedAt("20261130T110000Z-3"))).containsExactly(HEADER, row(1, "error"));
		assertThat(Files.readString(taken)).isEqualTo("a run started in the same second");
		assertThat(Files.readString(startedAt("20261130T110000Z-2"))).isEqualTo("and another");
	}

	@Test
	void aRunThatCompletesHavingAppliedNothingLeavesNoFileAndOneThatStoppedKeepsItsFileForTheResume()
			throws Exception {
		Path path = startedAt("20261130T110000Z");
		Rollbacks.Run stopped = new Rollbacks.Run(input(), path, false, new ExecutionContext()).commit();
		stopped.end(BatchStatus.STOPPED);
		assertThat(Files.readAllLines(path)).containsExactly(HEADER);
		assertThat(stopped.file.written()).contains(path);

		Rollbacks.Run resumed = new Rollbacks.Run(input(), startedAt("20261130T120000Z"), false, stopped.saved)
			.commit();
		resumed.end(BatchStatus.COMPLETED);

		assertThat(path).doesNotExist();
		assertThat(startedAt("20261130T120000Z")).doesNotExist();
		assertThat(resumed.file.written()).isEmpty();
	}

	@Test
	void theFileIsOwnerOnlyAndALinkAtItsPathIsRefusedAndItsTargetLeftAlone() throws Exception {
		Path path = startedAt("20261130T110000Z");
		new Rollbacks.Run(input(), path, false, new ExecutionContext()).applied(0, before(STATUS, "error"))
			.commit()
			.end(BatchStatus.COMPLETED);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).isEqualTo("rw-------");

		Path target = Files.writeString(this.dir.resolve("precious.txt"), "keep me");
		Path link = Files.createSymbolicLink(this.dir.resolve("link.csv"), target);
		assertThatThrownBy(() -> new Rollbacks.Run(input(), link, true, new ExecutionContext()))
			.hasMessageContaining(link.toString())
			.hasMessageContaining("link");
		assertThat(Files.readString(target)).isEqualTo("keep me");
	}

	@Test
	void aFileChangedBetweenAStopAndTheResumeIsRefusedAndLeftAsItIs() throws Exception {
		Path path = startedAt("20261130T110000Z");
		ExecutionContext saved = new Rollbacks.Run(input(), path, false, new ExecutionContext())
			.applied(0, before(STATUS, "error"))
			.commit()
			.end(BatchStatus.STOPPED);
		// a person "fixed" a value in it
		Files.writeString(path, Files.readString(path).replace(",error,", ",compliant,"));
		byte[] edited = Files.readAllBytes(path);

		assertThatThrownBy(() -> new Rollbacks.Run(input(), path, false, saved)).isInstanceOf(ItemStreamException.class)
			.hasMessage("the rollback file " + path + " was changed since this run last wrote it (it holds what Graph"
					+ " held before the rows already applied): put it back as it was, or give --rollback with a new"
					+ " path for the rest of this run's rollback rows.");
		assertThat(Files.readAllBytes(path)).isEqualTo(edited);
		assertThat(List.of(this.dir.toFile().list())).as("no other file was started").hasSize(2);
	}

	@Test
	void aRowTheKilledRunAppliedBeforeItsChunkCommittedIsUndoneByTheResumedRunThatFindsItUnchanged() throws Exception {
		Path path = startedAt("20261130T110000Z");
		// the chunk's rows are about to be sent; Graph applies the first two, and the run is killed
		Rollbacks.Run killed = new Rollbacks.Run(input(), path, false, new ExecutionContext())
			.sending(0, before(STATUS, "error"), 1, before(STATUS, "conflict"), 2, before(STATUS, "unknown"));
		assertThat(PendingRollback.of(path)).as("on disk before the first request").exists();
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(PendingRollback.of(path))))
			.isEqualTo("rw-------");

		// comparing with Graph, the resumed run finds the first two rows holding what they set, and sends the third
		new Rollbacks.Run(input(), startedAt("20261130T120000Z"), false, killed.saved).unchanged(0)
			.unchanged(1)
			.sending(2, before(STATUS, "unknown"))
			.applied(2, before(STATUS, "unknown"))
			.commit()
			.end(BatchStatus.COMPLETED);

		assertThat(Files.readAllLines(path)).containsExactly(HEADER, row(1, "error"), row(2, "conflict"),
				row(3, "unknown"));
		assertThat(PendingRollback.of(path)).as("nothing is in flight once the run completed").doesNotExist();
	}

	@Test
	void whatTheKilledRunHadInFlightOutlivesAResumedRunKilledToo() throws Exception {
		Path path = startedAt("20261130T110000Z");
		Rollbacks.Run killed = new Rollbacks.Run(input(), path, false, new ExecutionContext())
			.sending(0, before(STATUS, "error"));
		// the first resumed run finds row 1 applied, sends row 2, and is killed before its chunk commits
		Rollbacks.Run killedAgain = new Rollbacks.Run(input(), path, false, killed.saved).unchanged(0)
			.sending(1, before(STATUS, "conflict"));

		new Rollbacks.Run(input(), path, false, killedAgain.saved).unchanged(0)
			.unchanged(1)
			.commit()
			.end(BatchStatus.COMPLETED);

		assertThat(Files.readAllLines(path)).containsExactly(HEADER, row(1, "error"), row(2, "conflict"));
	}

	@Test
	void aRowFoundUnchangedThatNoKilledRunWasSendingIsNotUndoneAndANewRunTakesUpNoPendingRows() throws Exception {
		Path path = this.dir.resolve("undo.csv");
		// left beside the name by a run of another file, or long ago: a new run has nothing in flight
		PendingRollback.write(PendingRollback.of(path),
				Map.of(2L, new PendingRollback.Row("cfg-default/dcs-1", before(STATUS, "error"))));

		Rollbacks.Run run = new Rollbacks.Run(input(), path, true, new ExecutionContext()).unchanged(0)
			.applied(1, before(STATUS, "conflict"))
			.commit();
		run.end(BatchStatus.COMPLETED);

		assertThat(Files.readAllLines(path)).containsExactly(HEADER, row(2, "conflict"));
	}

	@Test
	void aResumedRunWithSmallerChunksTakesUpWhatTheKilledRunsChunkHadInFlightChunkByChunk() throws Exception {
		Path path = startedAt("20261130T110000Z");
		Rollbacks.Run killed = new Rollbacks.Run(input(), path, false, new ExecutionContext())
			.sending(0, before(STATUS, "error"), 1, before(STATUS, "conflict"));

		// --chunk-size 1 this time: the killed run's chunk is two of this run's
		new Rollbacks.Run(input(), path, false, killed.saved).unchanged(0)
			.commit()
			.unchanged(1)
			.commit()
			.end(BatchStatus.COMPLETED);

		assertThat(Files.readAllLines(path)).containsExactly(HEADER, row(1, "error"), row(2, "conflict"));
	}

}
