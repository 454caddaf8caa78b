package com.example.intune.statusimport.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;

import com.example.intune.statusimport.report.WorkbookReports.Input;
import com.example.intune.statusimport.support.SmallDisk;

import static com.example.intune.statusimport.report.WorkbookReports.invalid;
import static com.example.intune.statusimport.report.WorkbookReports.row;
import static com.example.intune.statusimport.report.WorkbookReports.shown;
import static com.example.intune.statusimport.report.WorkbookReports.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The workbook report across commits, stops and resumed runs: its journal follows the chunk transactions as a CSV
 * report does, and the workbook written from it never loses a committed row, never shows one twice, and never
 * replaces what a person changed in it.
 */
class WorkbookReportTransactionsTests {

	@TempDir
	Path dir;

	private Input input() {
		return WorkbookReports.input(this.dir, "id", "status");
	}

	private Path report() {
		return this.dir.resolve("statuses.failures.xlsx");
	}

	private Path journal() {
		return this.dir.resolve(".statuses.failures.xlsx.journal");
	}

	private WorkbookReports.Run run(ExecutionContext saved) {
		return new WorkbookReports.Run(input(), report(), saved);
	}

	/** The ids of the report's rows, in order. */
	private List<String> reportedIds() {
		List<List<String>> rows = shown(report());
		assertThat(rows.get(0)).startsWith("id", "status", "_line");
		return rows.subList(1, rows.size()).stream().map(cells -> cells.get(0)).toList();
	}

	@Test
	void aNewRunWritesTheHeaderAtOnceReplacingAnOlderReport() throws Exception {
		Files.writeString(report(), "an older report");

		WorkbookReports.Run run = run(new ExecutionContext());

		assertThat(reportedIds()).isEmpty();
		run.end(BatchStatus.COMPLETED);
		assertThat(reportedIds()).isEmpty();
	}

	@Test
	void rowsOfAChunkThatNeverCommittedAreNotInTheWorkbookAlthoughPartOfThemReachedTheJournal() throws Exception {
		WorkbookReports.Run run = run(new ExecutionContext()).fail(row(2, text("committed")), invalid("one")).commit();
		long committed = Files.size(journal());
		for (int i = 0; i < 2000; i++) {
			run.fail(row(3 + i, text("rolled-back-" + i)), invalid("x".repeat(100)));
		}
		assertThat(Files.size(journal())).as("the buffer spilled to disk").isGreaterThan(committed);

		run.end(BatchStatus.FAILED);

		assertThat(reportedIds()).containsExactly("committed");
		assertThat(Files.size(journal())).isEqualTo(committed);
	}

	@Test
	void aStoppedRunKeepsItsJournalOwnerOnlyAndTheRunThatCompletesRemovesIt() throws Exception {
		ExecutionContext saved = run(new ExecutionContext()).fail(row(2, text("a")), invalid("one"))
			.commit()
			.end(BatchStatus.STOPPED);

		assertThat(Files.readAllLines(journal())).hasSize(2).first().asString().isEqualTo(FailureJournal.HEADER);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(journal()))).isEqualTo("rw-------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(report()))).isEqualTo("rw-------");

		run(saved).end(BatchStatus.COMPLETED);

		assertThat(journal()).doesNotExist();
		assertThat(reportedIds()).containsExactly("a");
	}

	@Test
	void aRowCommittedBeforeACrashIsReportedOnceByTheResumedRun() throws Exception {
		WorkbookReports.Run crashed = run(new ExecutionContext()).fail(row(2, text("before")), invalid("one"))
			.commit()
			.fail(row(3, text("in-flight")), invalid("two"));
		crashed.report.update(new ExecutionContext()); // the rows reached the disk, but the chunk never committed
		// killed here: neither the end of the step nor close ran

		WorkbookReports.Run resumed = run(crashed.saved);
		resumed.fail(row(3, text("in-flight")), invalid("two")).commit().fail(row(4, text("after")), invalid("three"));
		resumed.commit().end(BatchStatus.COMPLETED);

		assertThat(reportedIds()).containsExactly("before", "in-flight", "after");
		assertThat(journal()).doesNotExist();
	}

	@Test
	void aRunStoppedTwiceAndResumedTwiceReportsEveryRowOnce() {
		ExecutionContext saved = run(new ExecutionContext()).fail(row(2, text("a")), invalid("one"))
			.commit()
			.end(BatchStatus.STOPPED);
		assertThat(reportedIds()).containsExactly("a");
		saved = run(saved).fail(row(3, text("b")), invalid("two")).commit().end(BatchStatus.STOPPED);
		assertThat(reportedIds()).containsExactly("a", "b");

		run(saved).fail(row(4, text("c")), invalid("three")).commit().end(BatchStatus.COMPLETED);

		assertThat(reportedIds()).containsExactly("a", "b", "c");
	}

	@Test
	void aWorkbookChangedBetweenAStopAndTheResumeIsRefusedAndLeftAsItIs() throws Exception {
		ExecutionContext saved = run(new ExecutionContext()).fail(row(2, text("dcs-1"), text("bad")), invalid("one"))
			.commit()
			.end(BatchStatus.STOPPED);
		// the person fixed a cell in Excel and saved
		try (var workbook = WorkbookReports.read(report()); var out = Files.newOutputStream(report())) {
			workbook.getSheetAt(0).getRow(1).getCell(1).setCellValue("compliant");
			workbook.write(out);
		}
		byte[] edited = Files.readAllBytes(report());

		assertThatThrownBy(() -> run(saved)).isInstanceOf(ItemStreamException.class)
			.hasMessage("the failure report " + report() + " was changed since this run last wrote it. This run keeps"
					+ " its failures so far in " + journal() + " and writes the whole report again from them, which"
					+ " would replace those changes: move the changed file away (or save it under another name), then"
					+ " run the same command again.");
		assertThat(Files.readAllBytes(report())).isEqualTo(edited);

		// moved away as the message says: the resumed run writes the whole report again
		Files.move(report(), this.dir.resolve("fixed.xlsx"));
		run(saved).fail(row(3, text("dcs-2")), invalid("two")).commit().end(BatchStatus.COMPLETED);
		assertThat(reportedIds()).containsExactly("dcs-1", "dcs-2");
	}

	@Test
	void aWorkbookChangedWhileTheRunGoesOnIsNotWrittenOverAndTheStepFails() throws Exception {
		WorkbookReports.Run run = run(new ExecutionContext()).fail(row(2, text("dcs-1")), invalid("one")).commit();
		Files.writeString(report(), "opened and saved meanwhile");

		run.end(BatchStatus.COMPLETED);

		assertThat(run.step.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(run.step.getFailureExceptions()).singleElement()
			.asString()
			.contains("was changed since this run last wrote it");
		assertThat(Files.readString(report())).isEqualTo("opened and saved meanwhile");
		assertThat(journal()).as("kept for the resumed run").exists();
	}

	@Test
	void aWorkbookRemovedBetweenRunsIsWrittenAgainWhole() throws Exception {
		ExecutionContext saved = run(new ExecutionContext()).fail(row(2, text("a")), invalid("one"))
			.commit()
			.end(BatchStatus.STOPPED);
		Files.delete(report());

		run(saved).fail(row(3, text("b")), invalid("two")).commit().end(BatchStatus.COMPLETED);

		assertThat(reportedIds()).containsExactly("a", "b");
	}

	@Test
	void aJournalRemovedBetweenRunsIsRefusedAsAChangedReportIs() throws Exception {
		ExecutionContext saved = run(new ExecutionContext()).fail(row(2, text("a")), invalid("one"))
			.commit()
			.end(BatchStatus.STOPPED);
		Files.delete(journal());

		assertThatThrownBy(() -> run(saved)).isInstanceOf(ItemStreamException.class)
			.hasMessageStartingWith("the failure report's journal " + journal() + " was removed since this run last"
					+ " wrote it");
	}

	@Test
	void aResumedRunGivenAnotherReportPathStartsThereAndNeverReplacesAFileItDidNotWrite() throws Exception {
		ExecutionContext saved = run(new ExecutionContext()).fail(row(2, text("a")), invalid("one"))
			.commit()
			.end(BatchStatus.STOPPED);
		byte[] first = Files.readAllBytes(report());
		Path taken = Files.writeString(this.dir.resolve("taken.xlsx"), "someone's workbook");

		assertThatThrownBy(() -> new WorkbookReports.Run(input(), taken, saved))
			.isInstanceOf(ItemStreamException.class)
			.hasMessage("the failure report " + taken + " already exists, and this resumed run wrote its failures so"
					+ " far to " + report() + ": give --report with a path where no file is, or move that file away.");
		assertThat(Files.readString(taken)).isEqualTo("someone's workbook");

		Path rest = this.dir.resolve("rest.xlsx");
		new WorkbookReports.Run(input(), rest, saved).fail(row(3, text("b")), invalid("two"))
			.commit()
			.end(BatchStatus.COMPLETED);
		assertThat(shown(rest)).hasSize(2);
		assertThat(shown(rest).get(1).get(0)).isEqualTo("b");
		assertThat(Files.readAllBytes(report())).isEqualTo(first);
	}

	@Test
	void aLinkAtTheWorkbooksPathIsRefusedAndItsTargetLeftAlone() throws Exception {
		Path target = Files.writeString(this.dir.resolve("precious.txt"), "keep me");
		Files.createSymbolicLink(report(), target);

		assertThatThrownBy(() -> run(new ExecutionContext())).hasMessageContaining(report().toString())
			.hasMessageContaining("link");
		assertThat(Files.readString(target)).isEqualTo("keep me");
	}

	@Test
	void aDiskTooFullForTheWorkbookFailsTheStepAndTheSameCommandWritesItOnceThereIsRoom() throws Exception {
		try (SmallDisk disk = SmallDisk.mount(this.dir.resolve("small"), 256)) {
			Path report = disk.folder().resolve("statuses.failures.xlsx");
			WorkbookReports.Run run = new WorkbookReports.Run(input(), report, new ExecutionContext());
			for (int i = 0; i < 50; i++) {
				run.fail(row(2 + i, text("dcs-" + i), text("not-a-status-" + "x".repeat(40))), invalid("bad " + i));
			}
			run.commit();
			Path filler = disk.folder().resolve("filler");
			try (var out = Files.newOutputStream(filler)) {
				byte[] block = new byte[1024];
				for (boolean room = true; room;) {
					try {
						out.write(block);
						out.flush();
					}
					catch (java.io.IOException full) {
						room = false;
					}
				}
			}

			ExecutionContext saved = run.end(BatchStatus.COMPLETED);

			assertThat(run.step.getStatus()).isEqualTo(BatchStatus.FAILED);
			assertThat(run.step.getFailureExceptions()).singleElement()
				.asString()
				.contains("the failure report " + report + " cannot be written: ");
			Files.delete(filler);
			WorkbookReports.Run resumed = new WorkbookReports.Run(input(), report, saved);
			resumed.end(BatchStatus.COMPLETED);
			assertThat(shown(report)).hasSize(51);
			assertThat(resumed.step.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		}
	}

}
