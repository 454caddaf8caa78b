package com.example.intune.statusimport.input;

import java.nio.file.Path;

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
		ColumnLayout layout = ColumnLayout.fromHeader(FILE, new String[] { "_note", " ID ", "Status" }, ',');
		assertThat(layout.columns()).containsExactly("_note", " ID ", "Status");
		assertThat(layout.properties()).containsExactly(null, DeviceStatusProperty.ID, DeviceStatusProperty.STATUS);
	}

	@Test
	void aHeaderSplitAtAnotherSeparatorThanTheCommaSaysSoWhereItShowsTheColumns() {
		// the separator was found in the header (SeparatorChoice); the message shows which, since a wrong one explains
		// unknown columns
		assertThatThrownBy(() -> ColumnLayout.fromHeader(FILE, new String[] { "Device ID", "status" }, ';'))
			.hasMessageStartingWith("statuses.csv, line 1 (columns separated by ';'): unknown column 'Device ID'.");
		assertThatThrownBy(() -> ColumnLayout.fromHeader(FILE, new String[] { "status", "x" }, '\t'))
			.hasMessageStartingWith("statuses.csv, line 1 (columns separated by tab): unknown column 'x'.");
		assertThatThrownBy(() -> ColumnLayout.fromHeader(FILE, new String[] { "id status" }, ','))
			.hasMessageStartingWith("statuses.csv, line 1 (one column: it holds none of , ; | or tab outside quotes):"
					+ " unknown column 'id status'.");
	}

	@Test
	void aHeaderThatIsAJsonObjectIsNamedAsNdjson() {
		String[] json = { " {\"id\":\"dcs-1\"", "\"status\":1}" };
		assertThatThrownBy(() -> ColumnLayout.fromHeader(FILE, json, ','))
			.hasMessage("statuses.csv, line 1 is a JSON object, so the file looks like NDJSON; name it .ndjson or give"
					+ " --format ndjson");
		assertThat(ColumnLayout.fromHeader(FILE, new String[] { "id" }, ',').columns()).as("one column is a header too")
			.containsExactly("id");
	}

	@Test
	void aSemicolonInOneOfSeveralColumnsIsAnUnknownColumnNotASemicolonHeader() {
		assertThatThrownBy(() -> ColumnLayout.fromHeader(FILE, new String[] { "id", "status;x" }, ','))
			.hasMessageStartingWith("statuses.csv, line 1: unknown column 'status;x'.");
	}

	@Test
	void aSingleColumnWithSemicolonsAndCommasIsAnUnknownColumnNotASemicolonHeader() {
		// a quoted header cell: the file is comma-separated, its one column name merely holds both
		assertThatThrownBy(() -> ColumnLayout.fromHeader(FILE, new String[] { "id;status,x" }, ','))
			.hasMessageStartingWith("statuses.csv, line 1 (one column: it holds none of , ; | or tab outside quotes):"
					+ " unknown column 'id;status,x'.");
	}

	@Test
	void aOneColumnHeaderOfOnlyTheIdIsAccepted() {
		ColumnLayout layout = ColumnLayout.fromHeader(FILE, new String[] { "id" }, ',');
		assertThat(layout.properties()).containsExactly(DeviceStatusProperty.ID);
	}

	@Test
	void oneUnknownColumnIsNamedInTheSingularWithTheAcceptedColumns() {
		assertThatThrownBy(() -> ColumnLayout.fromHeader(FILE, new String[] { "id", "stauts" }, ','))
			.isInstanceOf(InputProblem.class)
			.hasMessage("statuses.csv, line 1: unknown column 'stauts'. Accepted columns (any letter case):"
					+ " deviceConfigurationId, id, deviceDisplayName, userName, deviceModel,"
					+ " complianceGracePeriodExpirationDateTime, status, lastReportedDateTime, userPrincipalName;"
					+ " columns starting with _ are ignored. Nothing was sent.");
	}

	@Test
	void aColumnWithoutANameIsNamedByItsPosition() {
		assertThatThrownBy(() -> ColumnLayout.fromHeader(FILE, new String[] { "id", "status", " " }, ','))
			.hasMessageStartingWith("statuses.csv, line 1: unknown column (column 3 has no name).");
	}

	@Test
	void tenUnknownColumnsAreAllNamed() {
		assertThatThrownBy(() -> ColumnLayout.fromHeader(FILE, headerWithUnknownColumns(10), ','))
			.hasMessageStartingWith("statuses.csv, line 1: unknown columns 'x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7',"
					+ " 'x8', 'x9', 'x10'. Accepted columns");
	}

	@Test
	void moreThanTenUnknownColumnsAreCutAfterTheTenth() {
		assertThatThrownBy(() -> ColumnLayout.fromHeader(FILE, headerWithUnknownColumns(12), ','))
			.hasMessageStartingWith("statuses.csv, line 1: unknown columns 'x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7',"
					+ " 'x8', 'x9', 'x10', and more. Accepted columns")
			.hasMessageNotContaining("'x11'");
	}

	@Test
	void aHeaderWithoutAnIdColumnIsRefusedBecauseNoRowCouldBeAddressed() {
		assertThatThrownBy(() -> ColumnLayout.fromHeader(FILE, new String[] { "deviceConfigurationId", "status" }, ','))
			.isInstanceOf(InputProblem.class)
			.hasMessageStartingWith("statuses.csv, line 1: there is no 'id' column, so no row can be addressed.");
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
