package com.example.intune.statusimport.report;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.example.intune.statusimport.input.ColumnMapping;
import com.example.intune.statusimport.input.InputFile;
import com.example.intune.statusimport.input.InputFormat;
import com.example.intune.statusimport.input.SourceRow;
import com.example.intune.statusimport.input.TextOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The failure report on its own: its shape, its escaping, and how it follows the chunk transactions. */
class FailureReportTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	Path dir;

	private InputFile input(String name, String content) throws Exception {
		Path file = this.dir.resolve(name);
		Files.write(file, content.getBytes(StandardCharsets.UTF_8));
		return InputFile.inspect(file, InputFormat.forFileName(file).orElseThrow());
	}

	private static SourceRow cells(long line, String... cells) {
		return new SourceRow(line, Map.of(), new SourceRow.DelimitedCells(List.of(cells)), List.of(), false, 0);
	}

	private static RowFailure invalid(String message) {
		return RowFailure.beforeSending(FailureCategory.INVALID, message);
	}

	@Nested
	class Delimited {

		@Test
		void columnsAreTheInputsThenTheReportsOwnAndAnEarlierReportsAreReplaced() throws Exception {
			InputFile input = input("in.csv", "id,status,_line,_error,_note\ndcs-1,bad,7,invalid,keep\n");
			Path path = FailureReportTests.this.dir.resolve("in.failures.csv");
			FailureReport report = FailureReport.forInput(input, path);
			ExecutionContext context = new ExecutionContext();

			report.open(context);
			report.append(cells(2, "dcs-1", "bad", "7", "invalid", "keep"), invalid("status: 'bad' is not..."));
			report.update(context);
			report.close();

			assertThat(Files.readString(path)).isEqualTo("id,status,_note,_line,_error,_message,_http_status,"
					+ "_graph_code,_request_id,_client_request_id,_attempts\r\n"
					+ "dcs-1,bad,keep,2,invalid,status: 'bad' is not...,,,,,0\r\n");
		}

		@Test
		void cellsASpreadsheetWouldRunAreEscapedAndQuotingFollowsRfc4180() throws Exception {
			InputFile input = input("in.csv", "id,deviceDisplayName\n");
			Path path = FailureReportTests.this.dir.resolve("r.csv");
			FailureReport report = FailureReport.forInput(input, path);
			ExecutionContext context = new ExecutionContext();

			report.open(context);
			report.append(cells(2, "=cmd|' /C calc'!A0", "a, \"b\"\nc"), invalid("-starts with a dash"));
			report.update(context);
			report.close();

			String text = Files.readString(path);
			assertThat(text).contains("'=cmd|' /C calc'!A0,\"a, \"\"b\"\"\nc\",2,invalid,'-starts with a dash");
		}

		@Test
		void graphsAnswerIsKeptForSupportAndAShortRowGetsEmptyCells() throws Exception {
			InputFile input = input("in.csv", "id,status,userName\n");
			Path path = FailureReportTests.this.dir.resolve("reports/new-folder/r.csv");
			FailureReport report = FailureReport.forInput(input, path);
			ExecutionContext context = new ExecutionContext();

			report.open(context);
			report.append(cells(9, "dcs-9"), new RowFailure(FailureCategory.REJECTED, "Graph says no", 409,
					"Conflict", "req-1", "client-1", 3));
			report.update(context);
			report.close();

			assertThat(report.path()).isEqualTo(path);
			assertThat(Files.readAllLines(path).get(1)).isEqualTo("dcs-9,,,9,rejected,Graph says no,409,Conflict,req-1,"
					+ "client-1,3");
		}

		@Test
		void aTabSeparatedInputGetsATabSeparatedReport() throws Exception {
			InputFile input = input("in.tsv", "id\tstatus\n");
			Path path = FailureReportTests.this.dir.resolve("r.tsv");
			FailureReport report = FailureReport.forInput(input, path);
			report.open(new ExecutionContext());
			report.close();

			assertThat(Files.readString(path)).startsWith("id\tstatus\t_line\t_error\t");
		}

		@Test
		void aByteOrderMarkOfTheInputIsRepeatedSoThatASpreadsheetReadsTheReportAsUtf8() throws Exception {
			InputFile input = input("in.csv", "\uFEFFid,deviceDisplayName\ndcs-1,Zoë\n");
			Path path = FailureReportTests.this.dir.resolve("r.csv");
			FailureReport report = FailureReport.forInput(input, path);
			ExecutionContext context = new ExecutionContext();
			report.open(context);
			report.append(cells(2, "dcs-1", "Zoë"), invalid("x"));
			report.update(context);
			report.close();

			byte[] bytes = Files.readAllBytes(path);
			assertThat(bytes).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF, (byte) 'i', (byte) 'd');
			assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("dcs-1,Zoë,2");
			assertThat(input.layout().columns()).containsExactly("id", "deviceDisplayName");
		}

	}

	@Nested
	class Encodings {

		private final Charset windows1252 = Charset.forName("windows-1252");

		@Test
		void aWindows1252ReportHoldsTheInputsBytesAndOnlyOurMessagesLoseWhatWindows1252CannotHold() throws Exception {
			Path file = FailureReportTests.this.dir.resolve("in.csv");
			Files.write(file, "id;deviceDisplayName\r\ndcs-1;Kasse 5 \u20ac M\u00fcller\r\n".getBytes(this.windows1252));
			InputFile input = InputFile.inspect(file, InputFormat.CSV, ColumnMapping.NONE,
					new TextOptions(this.windows1252, null));
			Path path = FailureReportTests.this.dir.resolve("r.csv");
			FailureReport report = FailureReport.forInput(input, path);
			ExecutionContext context = new ExecutionContext();
			report.open(context);
			String graphMessage = "Graph: \u30c7\u30d0\u30a4\u30b9\u304c\u3042\u308a\u307e\u305b\u3093 \u2192"
					+ " M\u00fcller \uD83D\uDE00";
			report.append(cells(2, "dcs-1", "Kasse 5 \u20ac M\u00fcller"), new RowFailure(FailureCategory.REJECTED,
					graphMessage, 404, "ResourceNotFound\u2122", "req-1", "client-1", 1));
			report.update(context);
			report.close();

			byte[] bytes = Files.readAllBytes(path);
			String text = this.windows1252.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes))
				.toString();
			assertThat(text).isEqualTo("id;deviceDisplayName;_line;_error;_message;_http_status;_graph_code;"
					+ "_request_id;_client_request_id;_attempts\r\n"
					+ "dcs-1;Kasse 5 \u20ac M\u00fcller;2;rejected;Graph: ?????????? ? M\u00fcller ?;404;"
					+ "ResourceNotFound\u2122;req-1;client-1;1\r\n");
			// the input's cells byte for byte: the euro sign is 0x80 in windows-1252
			assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).contains("dcs-1;Kasse 5 \u0080 M\u00fcller;2;");
		}

		@Test
		void aUtf16ReportStartsWithTheMarkAndHoldsEveryCharacter() throws Exception {
			Path file = FailureReportTests.this.dir.resolve("in.txt");
			Files.write(file, "\uFEFFid\tdeviceDisplayName\r\n".getBytes(StandardCharsets.UTF_16LE));
			InputFile input = InputFile.inspect(file, InputFormat.CSV);
			Path path = FailureReportTests.this.dir.resolve("r.txt");
			FailureReport report = FailureReport.forInput(input, path);
			ExecutionContext context = new ExecutionContext();
			report.open(context);
			report.append(cells(2, "dcs-1", "\u8bbe\u5907"), invalid("\u2192 \uD83D\uDE00"));
			report.update(context);
			report.close();

			byte[] bytes = Files.readAllBytes(path);
			assertThat(bytes).startsWith(0xFF, 0xFE, 'i', 0, 'd', 0, '\t', 0);
			assertThat(new String(bytes, StandardCharsets.UTF_16LE))
				.isEqualTo("\uFEFFid\tdeviceDisplayName\t_line\t_error\t_message\t_http_status\t_graph_code\t"
						+ "_request_id\t_client_request_id\t_attempts\r\ndcs-1\t\u8bbe\u5907\t2\tinvalid\t"
						+ "\u2192 \uD83D\uDE00\t\t\t\t\t0\r\n");
		}

	}

	@Nested
	class Transactions {

		@Test
		void rowsOfAChunkThatNeverCommittedAreCutOffOnClose() throws Exception {
			InputFile input = input("in.csv", "id\n");
			Path path = FailureReportTests.this.dir.resolve("r.csv");
			FailureReport report = FailureReport.forInput(input, path);
			ExecutionContext context = new ExecutionContext();
			report.open(context);
			report.append(cells(2, "committed"), invalid("one"));
			report.update(context);
			report.append(cells(3, "rolled-back"), invalid("two"));
			report.close();

			assertThat(Files.readString(path)).contains("committed").doesNotContain("rolled-back");
		}

		@Test
		void rowsOfALargeChunkThatNeverCommittedAreCutOffAlthoughPartOfThemReachedTheDisk() throws Exception {
			InputFile input = input("in.csv", "id\n");
			Path path = FailureReportTests.this.dir.resolve("r.csv");
			FailureReport report = FailureReport.forInput(input, path);
			ExecutionContext context = new ExecutionContext();
			report.open(context);
			report.append(cells(2, "committed"), invalid("one"));
			report.update(context);
			long committed = Files.size(path);
			for (int i = 0; i < 2000; i++) {
				report.append(cells(3 + i, "rolled-back-" + i), invalid("x".repeat(100)));
			}
			assertThat(Files.size(path)).as("the buffer spilled to disk").isGreaterThan(committed);
			report.close();

			assertThat(Files.size(path)).isEqualTo(committed);
		}

		@Test
		void aRunResumedAfterACleanStopKeepsEveryCommittedRow() throws Exception {
			InputFile input = input("in.csv", "id\n");
			Path path = FailureReportTests.this.dir.resolve("r.csv");
			ExecutionContext context = new ExecutionContext();
			FailureReport first = FailureReport.forInput(input, path);
			first.open(context);
			first.append(cells(2, "a"), invalid("one"));
			first.update(context);
			first.close();

			FailureReport resumed = FailureReport.forInput(input, path);
			resumed.open(context);
			resumed.close();

			assertThat(Files.readAllLines(path)).hasSize(2);
			assertThat(Files.readAllLines(path).get(1)).startsWith("a,2,");
		}

		@Test
		void aResumedRunCutsTheFileBackToTheLastCommitAndAppendsWithoutASecondHeader() throws Exception {
			InputFile input = input("in.csv", "id\n");
			Path path = FailureReportTests.this.dir.resolve("r.csv");
			ExecutionContext context = new ExecutionContext();
			FailureReport first = FailureReport.forInput(input, path);
			first.open(context);
			first.append(cells(2, "a"), invalid("one"));
			first.update(context);
			first.close();
			// a crash left bytes after the last commit
			Files.writeString(path, "half a row", java.nio.file.StandardOpenOption.APPEND);

			FailureReport resumed = FailureReport.forInput(input, path);
			resumed.open(context);
			resumed.append(cells(3, "b"), invalid("two"));
			resumed.update(context);
			resumed.close();

			List<String> lines = Files.readAllLines(path);
			assertThat(lines).hasSize(3);
			assertThat(lines.get(0)).startsWith("id,_line");
			assertThat(lines.get(1)).startsWith("a,2,");
			assertThat(lines.get(2)).startsWith("b,3,");
		}

		@Test
		void aLinkAtTheReportsPathIsRefusedAndItsTargetLeftAlone() throws Exception {
			InputFile input = input("in.csv", "id\n");
			Path target = FailureReportTests.this.dir.resolve("precious.txt");
			Files.writeString(target, "keep me");
			Path path = Files.createSymbolicLink(FailureReportTests.this.dir.resolve("r.csv"), target);
			FailureReport report = FailureReport.forInput(input, path);

			assertThatThrownBy(() -> report.open(new ExecutionContext())).isInstanceOf(RuntimeException.class)
				.hasMessageContaining(path.toString())
				.hasMessageContaining("link");
			assertThat(Files.readString(target)).isEqualTo("keep me");
			assertThat(Files.isSymbolicLink(path)).isTrue();
		}

		@Test
		void aReportThatCannotBeWrittenNamesItsFileAndTheCause() throws Exception {
			InputFile input = input("in.csv", "id\n");
			Path notAFolder = Files.writeString(FailureReportTests.this.dir.resolve("file"), "");
			Path path = notAFolder.resolve("r.csv");
			FailureReport report = FailureReport.forInput(input, path);

			assertThatThrownBy(() -> report.open(new ExecutionContext()))
				.isInstanceOf(org.springframework.batch.infrastructure.item.ItemStreamException.class)
				.hasMessageStartingWith("the failure report " + path + " cannot be written: ");
		}

		@Test
		void aNewRunStartsTheReportAfresh() throws Exception {
			InputFile input = input("in.csv", "id\n");
			Path path = FailureReportTests.this.dir.resolve("r.csv");
			Files.writeString(path, "an older report\r\nwith rows\r\n");
			FailureReport report = FailureReport.forInput(input, path);
			report.open(new ExecutionContext());
			report.close();

			assertThat(Files.readString(path)).startsWith("id,_line,").doesNotContain("older");
		}

	}

	/**
	 * A report changed between a stop and the resumed run: edited in place (a status fixed), shortened, removed. It
	 * holds the failures of the rows already done, which no later run reports again, so it is never cut or replaced.
	 */
	@Nested
	class ChangedBetweenRuns {

		private final ExecutionContext context = new ExecutionContext();

		private Path path;

		private InputFile input;

		/** A first run that committed two chunks and stopped. */
		private byte[] firstRun() throws Exception {
			this.input = input("in.csv", "id,status\n");
			this.path = FailureReportTests.this.dir.resolve("r.csv");
			FailureReport first = FailureReport.forInput(this.input, this.path);
			first.open(this.context);
			first.append(cells(2, "dcs-1", "nope"), invalid("one"));
			first.update(this.context);
			first.append(cells(3, "dcs-2", "nope"), invalid("two"));
			first.update(this.context);
			first.close();
			return Files.readAllBytes(this.path);
		}

		private void assertRefused(String how) {
			FailureReport resumed = FailureReport.forInput(this.input, this.path);
			assertThatThrownBy(() -> resumed.open(this.context))
				.isInstanceOf(org.springframework.batch.infrastructure.item.ItemStreamException.class)
				.hasMessage("the failure report " + this.path + " " + how + " since this run last wrote it (it holds"
						+ " the failures of the rows already done): put it back as it was, or give --report with a new"
						+ " path for the rest of this run's failures.");
		}

		private void edit(String from, String to) throws Exception {
			Files.writeString(this.path, Files.readString(this.path).replace(from, to));
		}

		@Test
		void aRowEditedInPlaceIntoALongerOneIsRefusedAndTheReportLeftAsItIs() throws Exception {
			firstRun();
			edit("dcs-1,nope,", "dcs-1,compliant,");
			byte[] edited = Files.readAllBytes(this.path);

			assertRefused("was changed");
			assertThat(Files.readAllBytes(this.path)).isEqualTo(edited);
		}

		@Test
		void aRowEditedInPlaceWithItsLengthKeptIsRefused() throws Exception {
			byte[] committed = firstRun();
			edit("dcs-2,nope,", "dcs-2,okay,");
			assertThat(Files.size(this.path)).isEqualTo(committed.length);
			byte[] edited = Files.readAllBytes(this.path);

			assertRefused("was changed");
			assertThat(Files.readAllBytes(this.path)).isEqualTo(edited);
		}

		@Test
		void aShortenedReportIsRefusedAndNotStartedAfresh() throws Exception {
			firstRun();
			edit("dcs-1,nope,", "dcs-1,no,");

			assertRefused("was shortened");
			assertThat(Files.readString(this.path)).contains("dcs-1,no,").contains("dcs-2,nope,");
		}

		@Test
		void aRemovedReportIsRefusedAndNotStartedAfresh() throws Exception {
			firstRun();
			Files.delete(this.path);

			assertRefused("was removed");
			assertThat(this.path).doesNotExist();
		}

		@Test
		void anUntouchedReportIsResumedAndAppendedTo() throws Exception {
			byte[] committed = firstRun();

			FailureReport resumed = FailureReport.forInput(this.input, this.path);
			resumed.open(this.context);
			resumed.append(cells(4, "dcs-3", "nope"), invalid("three"));
			resumed.update(this.context);
			resumed.close();

			assertThat(Files.readAllBytes(this.path)).startsWith(committed);
			assertThat(Files.readAllLines(this.path)).hasSize(4).last().asString().startsWith("dcs-3,nope,4,");
		}

		@Test
		void aReportResumedTwiceIsCheckedAgainstWhatTheSecondRunCommitted() throws Exception {
			firstRun();
			FailureReport second = FailureReport.forInput(this.input, this.path);
			second.open(this.context);
			second.append(cells(4, "dcs-3", "nope"), invalid("three"));
			second.update(this.context);
			second.close();
			edit("dcs-3,nope,", "dcs-3,okay,");

			assertRefused("was changed");
		}

		@Test
		void bytesACrashLeftAfterTheLastCommitAreCutOffAndTheRunGoesOn() throws Exception {
			byte[] committed = firstRun();
			Files.writeString(this.path, "dcs-9,half a r", java.nio.file.StandardOpenOption.APPEND);

			FailureReport resumed = FailureReport.forInput(this.input, this.path);
			resumed.open(this.context);
			resumed.close();

			assertThat(Files.readAllBytes(this.path)).isEqualTo(committed);
		}

		@Test
		void aJobStoreOfAnEarlierVersionWithoutADigestIsResumedByLength() throws Exception {
			byte[] committed = firstRun();
			ExecutionContext earlier = new ExecutionContext();
			earlier.putLong("report.position", committed.length);
			edit("dcs-1,nope,", "dcs-1,okay,");

			FailureReport resumed = FailureReport.forInput(this.input, this.path);
			resumed.open(earlier);
			resumed.append(cells(4, "dcs-3", "nope"), invalid("three"));
			resumed.update(earlier);
			resumed.close();

			List<String> lines = Files.readAllLines(this.path);
			assertThat(lines).hasSize(4);
			assertThat(lines.get(1)).startsWith("dcs-1,okay,");
			assertThat(lines.get(3)).startsWith("dcs-3,nope,4,");
			// from now on the report is checked: the digest is of the bytes the resumed run found and kept
			edit("dcs-3,nope,", "dcs-3,okay,");
			assertThatThrownBy(() -> FailureReport.forInput(this.input, this.path).open(earlier))
				.hasMessageContaining("was changed");
		}

		@Test
		void anotherReportPathStartsANewReportForTheRestOfTheRunAndLeavesTheFirstAlone() throws Exception {
			firstRun();
			edit("dcs-1,nope,", "dcs-1,compliant,");
			byte[] edited = Files.readAllBytes(this.path);
			Path other = FailureReportTests.this.dir.resolve("rest.csv");

			FailureReport rest = FailureReport.forInput(this.input, other);
			rest.open(this.context);
			rest.append(cells(4, "dcs-3", "nope"), invalid("three"));
			rest.update(this.context);
			rest.close();

			assertThat(Files.readAllLines(other)).hasSize(2).first().asString().startsWith("id,status,_line,");
			assertThat(Files.readAllLines(other).get(1)).startsWith("dcs-3,nope,4,");
			assertThat(Files.readAllBytes(this.path)).isEqualTo(edited);
		}

		@Test
		void goingBackToTheFirstReportAfterAnotherPathIsRefusedRatherThanReplacingIt() throws Exception {
			firstRun();
			Path other = FailureReportTests.this.dir.resolve("rest.csv");
			FailureReport rest = FailureReport.forInput(this.input, other);
			rest.open(this.context);
			rest.update(this.context);
			rest.close();
			byte[] first = Files.readAllBytes(this.path);

			FailureReport back = FailureReport.forInput(this.input, this.path);
			assertThatThrownBy(() -> back.open(this.context))
				.hasMessage("the failure report " + this.path + " already exists, and this resumed run wrote its"
						+ " failures so far to " + other.toAbsolutePath() + ": give --report with a path where no file"
						+ " is, or move that file away.");
			assertThat(Files.readAllBytes(this.path)).isEqualTo(first);
		}

		@Test
		void aNewPathThatHoldsOnlyTheHeaderOfAStartThatNeverCommittedIsTakenAgain() throws Exception {
			firstRun();
			ExecutionContext before = new ExecutionContext(this.context);
			Path other = FailureReportTests.this.dir.resolve("rest.csv");
			FailureReport crashed = FailureReport.forInput(this.input, other);
			crashed.open(new ExecutionContext(before));
			crashed.close();

			FailureReport again = FailureReport.forInput(this.input, other);
			again.open(before);
			again.append(cells(4, "dcs-3", "nope"), invalid("three"));
			again.update(before);
			again.close();

			assertThat(Files.readAllLines(other)).hasSize(2);
		}

	}

	@Nested
	class Ndjson {

		private String reported(String text) throws Exception {
			tools.jackson.databind.node.ObjectNode object = (tools.jackson.databind.node.ObjectNode) JSON.readTree(text);
			tools.jackson.databind.node.ObjectNode keys = JSON.createObjectNode();
			keys.put("_line", 9);
			keys.put("_error", "invalid");
			return NdjsonFailureReport.withReportKeys(new SourceRow.JsonObject(text, object), keys);
		}

		@Test
		void aFailedLineKeepsEveryByteOfItsOwnMembersSoThatFedBackItFailsAgain() throws Exception {
			// a number no double holds, spacing and key order: re-serialising would change each of them
			String line = "{ \"id\" : \"dcs-1\",  \"n\":1e999999999, \"deep\":{\"a\":[1,{\"b\":\"}\"}]}, \"s\":\"a \\\" b\" }";

			assertThat(reported(line)).isEqualTo(line.substring(0, line.lastIndexOf('}')).stripTrailing()
					+ ",\"_line\":9,\"_error\":\"invalid\"}");
		}

		@Test
		void anEarlierReportsTrailingKeysAreCutOffAndTheRowsOwnTextKept() throws Exception {
			String line = "{\"id\":\"dcs-1\",\"status\":\"a long value\" ,\"_line\":3,\"_error\":{\"x\":1},\"_message\":\"old\"}";

			assertThat(reported(line)).isEqualTo("{\"id\":\"dcs-1\",\"status\":\"a long value\",\"_line\":9,"
					+ "\"_error\":\"invalid\"}");
		}

		@Test
		void anObjectWithoutMembersOfItsOwnGetsTheReportsKeysAlone() throws Exception {
			assertThat(reported("{}")).isEqualTo("{\"_line\":9,\"_error\":\"invalid\"}");
			assertThat(reported("{\"_error\":\"old\"}")).isEqualTo("{\"_line\":9,\"_error\":\"invalid\"}");
		}

		@Test
		void reportKeysAmongTheRowsOwnAreDroppedAndTheRestWrittenAnew() throws Exception {
			String reported = reported("{\"_error\":\"old\", \"id\":\"dcs-1\",\"_note\":\"keep\"}");

			assertThat(reported).isEqualTo("{\"id\":\"dcs-1\",\"_note\":\"keep\",\"_line\":9,\"_error\":\"invalid\"}");
		}

		@Test
		void anNdjsonReportNeverStartsWithAByteOrderMarkAndIsEmptyWhenNothingFailed() throws Exception {
			InputFile input = input("in.ndjson", "\uFEFF{\"id\":\"dcs-1\"}\n");
			Path path = FailureReportTests.this.dir.resolve("r.ndjson");
			FailureReport report = FailureReport.forInput(input, path);
			report.open(new ExecutionContext());
			report.close();

			assertThat(input.encoding().byteOrderMark()).isTrue();
			assertThat(Files.size(path)).isZero();
		}

		@Test
		void aFailedLineKeepsItsObjectOrItsRawTextWithTheReportsKeysReplaced() throws Exception {
			InputFile input = input("in.ndjson", "{}\n");
			Path path = FailureReportTests.this.dir.resolve("r.ndjson");
			FailureReport report = FailureReport.forInput(input, path);
			ExecutionContext context = new ExecutionContext();
			report.open(context);
			String text = "{\"id\":\"dcs-1\",\"status\":\"bad\",\"_error\":\"old\",\"_note\":\"keep\"}";
			tools.jackson.databind.node.ObjectNode object = (tools.jackson.databind.node.ObjectNode) JSON.readTree(text);
			report.append(new SourceRow(4, Map.of(), new SourceRow.JsonObject(text, object), List.of(), false, 0),
					invalid("status: 'bad'"));
			report.append(new SourceRow(5, Map.of(), new SourceRow.RawText("{not json"), List.of(), true, 0),
					RowFailure.beforeSending(FailureCategory.MALFORMED, "not JSON"));
			report.update(context);
			report.close();

			List<String> lines = Files.readAllLines(path);
			assertThat(lines).hasSize(2);
			JsonNode first = JSON.readTree(lines.get(0));
			assertThat(first.path("id").asString()).isEqualTo("dcs-1");
			assertThat(first.path("_note").asString()).isEqualTo("keep");
			assertThat(first.path("_error").asString()).isEqualTo("invalid");
			assertThat(first.path("_line").asInt()).isEqualTo(4);
			assertThat(first.path("_http_status").isNull()).isTrue();
			JsonNode second = JSON.readTree(lines.get(1));
			assertThat(second.path("_raw").asString()).isEqualTo("{not json");
			assertThat(second.path("_error").asString()).isEqualTo("malformed");
		}

	}

}
