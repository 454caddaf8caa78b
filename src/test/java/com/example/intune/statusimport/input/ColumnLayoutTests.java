package com.example.intune.statusimport.input;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import com.example.intune.statusimport.devicestatus.DeviceStatusProperty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a CSV or TSV header may hold, and what the message says when it holds something else.
 */
class ColumnLayoutTests {

	private static final Path FILE = Path.of("statuses.csv");

	@Test
	void eachColumnSetsItsPropertyAndUnderscoreColumnsAreIgnored() {
		ColumnLayout layout = layout("_note", " ID ", "Status");
		assertThat(layout.columns()).containsExactly("_note", " ID ", "Status");
		assertThat(layout.properties()).containsExactly(null, DeviceStatusProperty.ID, DeviceStatusProperty.STATUS);
	}

	@Test
	void aHeaderSplitAtAnotherSeparatorThanTheCommaSaysSoWhereItShowsTheColumns() {
		// the separator was found in the header (SeparatorChoice); the message shows which, since a wrong one explains
		// unknown columns
		assertThat(ColumnLayout.fromHeader(FILE, 1, new String[] { "Device ID", "status" }, ';', ColumnMapping.NONE)
			.problem()).startsWith("statuses.csv, line 1 (columns separated by ';'): unknown column 'Device ID'");
		assertThat(ColumnLayout.fromHeader(FILE, 1, new String[] { "status", "x" }, '\t', ColumnMapping.NONE)
			.problem()).startsWith("statuses.csv, line 1 (columns separated by tab): unknown column 'x'");
		assertThat(problem("id status")).startsWith("statuses.csv, line 1 (one column: it holds none of , ; | or tab"
				+ " outside quotes): unknown column 'id status'");
		assertThat(ColumnLayout.fromHeader(FILE, 3, new String[] { "x" }, (char) 0, ColumnMapping.NONE).problem())
			.as("a workbook's row has no separator to speak of")
			.startsWith("statuses.csv, line 3: unknown column 'x'");
	}

	@Test
	void aHeaderThatIsAJsonObjectIsNamedAsNdjson() {
		assertThatThrownBy(() -> layout(" {\"id\":\"dcs-1\"", "\"status\":1}"))
			.hasMessage("statuses.csv, line 1 is a JSON object, so the file looks like NDJSON; name it .ndjson or give"
					+ " --format ndjson");
		assertThat(layout("id").columns()).as("one column is a header too")
			.containsExactly("id");
	}

	@Test
	void aSemicolonInOneOfSeveralColumnsIsAnUnknownColumnNotASemicolonHeader() {
		assertThat(problem("id", "status;x")).startsWith("statuses.csv, line 1: unknown column 'status;x' (status?).");
	}

	@Test
	void aSingleColumnWithSemicolonsAndCommasIsAnUnknownColumnNotASemicolonHeader() {
		// a quoted header cell: the file is comma-separated, its one column name merely holds both
		assertThat(problem("id;status,x")).startsWith("statuses.csv, line 1 (one column: it holds none of , ; | or tab"
				+ " outside quotes): unknown column 'id;status,x'.");
	}

	@Test
	void aOneColumnHeaderOfOnlyTheIdIsAccepted() {
		ColumnLayout layout = layout("id");
		assertThat(layout.properties()).containsExactly(DeviceStatusProperty.ID);
		assertThat(layout.problem()).isNull();
	}

	@Test
	void spacesInsideAGraphNameAreIgnoredLikeLetterCase() {
		ColumnLayout layout = layout("ID", "Last Reported Date Time", "device\u00A0model");
		assertThat(layout.properties()).containsExactly(DeviceStatusProperty.ID,
				DeviceStatusProperty.LAST_REPORTED_DATE_TIME, DeviceStatusProperty.DEVICE_MODEL);
		assertThat(layout.problem()).isNull();
	}

	@Test
	void oneUnknownColumnIsNamedWithTheColumnsFoundHowToMapThemAndTheProperties() {
		assertThat(problem("id", "Colour")).isEqualTo("statuses.csv, line 1: unknown column 'Colour'. The header's"
				+ " columns are 'id', 'Colour'. Map a column to a property with --map, for example"
				+ " --map \"Colour=PROPERTY\", or ignore it with --map \"Colour=_\"; --mapping FILE reads such"
				+ " pairs from a CSV file of HEADER,PROPERTY lines. Properties (letter case and spaces ignored):"
				+ " deviceConfigurationId, id, deviceDisplayName, userName, deviceModel,"
				+ " complianceGracePeriodExpirationDateTime, status, lastReportedDateTime, userPrincipalName; columns"
				+ " starting with _ are ignored. Nothing was sent.");
	}

	@Test
	void anUnknownColumnThatObviouslyMeansAPropertyIsSuggestedButNotTaken() {
		ColumnLayout layout = layout("Device ID", "stauts", "Last reported", "Notes");
		assertThat(layout.properties()).containsOnlyNulls();
		assertThat(layout.problem()).startsWith("statuses.csv, line 1: unknown columns 'Device ID', 'stauts' (status?),"
				+ " 'Last reported' (lastReportedDateTime?), 'Notes'.")
			.contains("for example --map \"Device ID=id\" --map \"stauts=status\""
					+ " --map \"Last reported=lastReportedDateTime\", or ignore it with --map \"Notes=_\"");
	}

	@Test
	void theHeaderLineIsTheOneGiven() {
		assertThat(ColumnLayout.fromHeader(Path.of("book.xlsx"), 3, new String[] { "id", "x" }, ',', ColumnMapping.NONE)
			.problem()).startsWith("book.xlsx, line 3: unknown column 'x'.");
	}

	@Test
	void aColumnWithoutANameIsNamedByItsPosition() {
		assertThat(problem("id", "status", " ")).startsWith("statuses.csv, line 1: unknown column (column 3 has no name).")
			.contains("A column without a name must be given one");
	}

	@Test
	void tenUnknownColumnsAreAllNamed() {
		assertThat(problem(headerWithUnknownColumns(10))).startsWith("statuses.csv, line 1: unknown columns 'x1', 'x2',"
				+ " 'x3', 'x4', 'x5', 'x6', 'x7', 'x8', 'x9', 'x10'. The header's columns are");
	}

	@Test
	void moreThanTenUnknownColumnsAreCutAfterTheTenth() {
		assertThat(problem(headerWithUnknownColumns(12))).startsWith("statuses.csv, line 1: unknown columns 'x1', 'x2',"
				+ " 'x3', 'x4', 'x5', 'x6', 'x7', 'x8', 'x9', 'x10', and 2 more. The header's columns are")
			.doesNotContain("'x11'");
	}

	@Test
	void aHeaderWithoutAnIdColumnHasAProblemBecauseNoRowCouldBeAddressed() {
		assertThat(problem("deviceConfigurationId", "status"))
			.startsWith("statuses.csv, line 1: there is no 'id' column, so no row can be addressed.");
	}

	@Test
	void everyProblemOfTheHeaderIsInTheOneMessageAndTheUsableColumnsAreKept() {
		ColumnLayout layout = layout("status", "Device ID", "STATUS", "deviceModel");
		assertThat(layout.properties()).containsExactly(DeviceStatusProperty.STATUS, null, null,
				DeviceStatusProperty.DEVICE_MODEL);
		assertThat(layout.problem()).startsWith("statuses.csv, line 1: the columns 'status' and 'STATUS' both set"
				+ " status; keep one of them. Unknown column 'Device ID'.")
			.contains(". There is no 'id' column")
			.endsWith(" Nothing was sent.");
	}

	@Nested
	class WithAMapping {

		@Test
		void aMappedHeaderSetsItsPropertyMatchedWithoutCaseOrSpaces() {
			ColumnMapping mapping = ColumnMapping.of(List.of("Device ID=id", "Notes=_mine"), null);
			for (String header : List.of("Device ID", "device id", "DEVICEID", " Device  Id ")) {
				ColumnLayout layout = ColumnLayout.fromHeader(FILE, 1, new String[] { header, "NOTES", "Status" }, ',',
						mapping);
				assertThat(layout.properties()).as(header)
					.containsExactly(DeviceStatusProperty.ID, null, DeviceStatusProperty.STATUS);
				assertThat(layout.problem()).isNull();
			}
		}

		@Test
		void aMappedColumnBesideTheColumnOfItsPropertyIsNamedWithItsMapping() {
			ColumnMapping mapping = ColumnMapping.of(List.of("Device ID=id"), null);
			assertThat(ColumnLayout.fromHeader(FILE, 1, new String[] { "id", "Device ID" }, ',', mapping).problem())
				.startsWith("statuses.csv, line 1: the columns 'id' and 'Device ID' (mapped by --map \"Device ID=id\")"
						+ " both set id; keep one of them.");
		}

		@Test
		void aMappedHeaderThatMatchesNoColumnIsNamedWhenAColumnIsUnknown() {
			ColumnMapping mapping = ColumnMapping.of(List.of("Devce ID=id"), null);
			assertThat(ColumnLayout.fromHeader(FILE, 1, new String[] { "Device ID", "status" }, ',', mapping).problem())
				.contains("These mapped headers match no column: 'Devce ID'.");
		}

	}

	private static ColumnLayout layout(String... header) {
		return ColumnLayout.fromHeader(FILE, 1, header, ',', ColumnMapping.NONE);
	}

	private static String problem(String... header) {
		return layout(header).problem();
	}

	private static String[] headerWithUnknownColumns(int unknown) {
		String[] header = new String[unknown + 1];
		header[0] = "id";
		for (int i = 1; i <= unknown; i++) {
			header[i] = "x" + i;
		}
		return header;
	}

}
