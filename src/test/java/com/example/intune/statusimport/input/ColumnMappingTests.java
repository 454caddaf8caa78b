package com.example.intune.statusimport.input;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.example.intune.statusimport.devicestatus.DeviceStatusProperty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The user's own names for columns: what a --map or a mapping file's line may say, what each refusal says, and which
 * meaning a column gets.
 */
class ColumnMappingTests {

	private static final String PROPERTIES = "deviceConfigurationId, id, deviceDisplayName, userName, deviceModel,"
			+ " complianceGracePeriodExpirationDateTime, status, lastReportedDateTime, userPrincipalName";

	@TempDir
	Path dir;

	private static ColumnMapping maps(String... options) {
		return ColumnMapping.of(List.of(options), null);
	}

	private Path file(String content) throws IOException {
		return file(content.getBytes(StandardCharsets.UTF_8));
	}

	private Path file(byte[] content) throws IOException {
		Path file = this.dir.resolve("mapping.csv");
		Files.write(file, content);
		return file;
	}

	private static DeviceStatusProperty propertyOf(ColumnMapping mapping, String column) {
		return mapping.meaningOf(column) instanceof ColumnMapping.Sets sets ? sets.property() : null;
	}

	@Nested
	class Meaning {

		@Test
		void aMappedHeaderMatchesWhateverItsLetterCaseAndSpaces() {
			ColumnMapping mapping = maps("Device ID=id");
			for (String column : List.of("Device ID", "device id", "DEVICEID", "  Device\u00A0 Id ")) {
				assertThat(mapping.meaningOf(column)).as(column)
					.isEqualTo(new ColumnMapping.Sets(DeviceStatusProperty.ID, "--map \"Device ID=id\""));
			}
		}

		@Test
		void thePropertySideTakesAnyLetterCaseAndSpaces() {
			assertThat(propertyOf(maps("Seen=LASTREPORTEDDATETIME"), "seen"))
				.isEqualTo(DeviceStatusProperty.LAST_REPORTED_DATE_TIME);
			assertThat(propertyOf(maps("Seen = last reported date time"), "seen"))
				.isEqualTo(DeviceStatusProperty.LAST_REPORTED_DATE_TIME);
		}

		@Test
		void aHeaderMappedToAnUnderscoreNameIsIgnored() {
			assertThat(maps("Notes=_skip").meaningOf("NOTES")).isInstanceOf(ColumnMapping.Ignored.class);
		}

		@Test
		void theUsersNameComesBeforeTheGraphName() {
			assertThat(propertyOf(maps("status=_old", "Status 2026=status"), "Status"))
				.as("the mapped Graph name is ignored").isNull();
			assertThat(propertyOf(maps("status=_old", "Status 2026=status"), "status 2026"))
				.isEqualTo(DeviceStatusProperty.STATUS);
		}

		@Test
		void withoutAMappingGraphNamesSetTheirPropertyAndUnderscoreColumnsAreIgnored() {
			assertThat(ColumnMapping.NONE.meaningOf(" User Principal Name "))
				.isEqualTo(new ColumnMapping.Sets(DeviceStatusProperty.USER_PRINCIPAL_NAME, null));
			assertThat(ColumnMapping.NONE.meaningOf(" _line")).isInstanceOf(ColumnMapping.Ignored.class);
			assertThat(ColumnMapping.NONE.meaningOf("Device ID")).isEqualTo(new ColumnMapping.Unknown(
					java.util.Optional.empty()));
		}

		@Test
		void anUnknownColumnCarriesThePropertyItObviouslyMeansOnly() {
			assertThat(ColumnMapping.NONE.meaningOf("Last reported")).isEqualTo(new ColumnMapping.Unknown(
					java.util.Optional.of(DeviceStatusProperty.LAST_REPORTED_DATE_TIME)));
			assertThat(ColumnMapping.NONE.meaningOf("Grace-period")).isEqualTo(new ColumnMapping.Unknown(
					java.util.Optional.of(DeviceStatusProperty.COMPLIANCE_GRACE_PERIOD_EXPIRATION_DATE_TIME)));
			assertThat(ColumnMapping.NONE.meaningOf("stauts")).isEqualTo(new ColumnMapping.Unknown(
					java.util.Optional.of(DeviceStatusProperty.STATUS)));
			assertThat(ColumnMapping.NONE.meaningOf("User")).as("userName or userPrincipalName")
				.isEqualTo(new ColumnMapping.Unknown(java.util.Optional.empty()));
			assertThat(ColumnMapping.NONE.meaningOf("Device ID")).as("the status's id, or the configuration's?")
				.isEqualTo(new ColumnMapping.Unknown(java.util.Optional.empty()));
		}

		@Test
		void theFingerprintChangesWithWhatTheMappingDoesNotWithHowItIsWritten() {
			String fingerprint = maps("Device ID=id", "Notes=_a").fingerprint();
			assertThat(maps("notes = _b", "DEVICEID=ID").fingerprint()).isEqualTo(fingerprint);
			assertThat(maps("Device ID=id").fingerprint()).isNotEqualTo(fingerprint);
			assertThat(maps("Device ID=deviceConfigurationId", "Notes=_a").fingerprint()).isNotEqualTo(fingerprint);
		}

		@Test
		void noOptionsAndNoFileAreNoMapping() {
			assertThat(ColumnMapping.of(List.of(), null).isEmpty()).isTrue();
			assertThat(maps("a=id").isEmpty()).isFalse();
		}

	}

	@Nested
	class RefusedOptions {

		@Test
		void aMapWithoutAnEqualsSign() {
			assertThatThrownBy(() -> maps("Device ID")).isInstanceOf(InputProblem.class)
				.hasMessage("--map 'Device ID' has no '='; write it as --map \"HEADER=property\", for example"
						+ " --map \"Device ID=id\"");
		}

		@Test
		void anUnknownPropertyListsTheAcceptedOnes() {
			assertThatThrownBy(() -> maps("Device ID=deviceId"))
				.hasMessage("--map \"Device ID=deviceId\": 'deviceId' is not a property; map a header to one of "
						+ PROPERTIES + " (letter case and spaces ignored), or to a name starting with _ to ignore the"
						+ " column");
			assertThatThrownBy(() -> maps("Last reported=lastReported"))
				.hasMessageStartingWith("--map \"Last reported=lastReported\": 'lastReported' is not a property"
						+ " (lastReportedDateTime?); map a header to one of");
		}

		@Test
		void twoHeadersMappedToOneProperty() {
			assertThatThrownBy(() -> maps("Device ID=id", "Serial=ID"))
				.hasMessage("--map \"Serial=ID\": the headers 'Device ID' (--map \"Device ID=id\") and 'Serial' are"
						+ " both mapped to id; a property takes one column, so keep one of the two");
		}

		@Test
		void oneHeaderMappedToTwoProperties() {
			assertThatThrownBy(() -> maps("Device ID=id", "device id=deviceConfigurationId"))
				.hasMessage("--map \"device id=deviceConfigurationId\": the header 'Device ID' is already mapped to id"
						+ " by --map \"Device ID=id\"; a header sets one property, so keep one of the two");
		}

		@Test
		void theSameMappingTwiceIsNoConflict() {
			assertThat(propertyOf(maps("Device ID=id", "DEVICE ID=Id"), "device id")).isEqualTo(DeviceStatusProperty.ID);
		}

		@Test
		void noHeaderOrAnUnderscoreHeader() {
			assertThatThrownBy(() -> maps(" =id")).hasMessage("--map \" =id\" names no header; write"
					+ " HEADER=property, for example \"Device ID=id\"");
			assertThatThrownBy(() -> maps("_line=id")).hasMessageStartingWith("--map \"_line=id\": the header '_line'"
					+ " starts with _, and such columns are always ignored");
		}

	}

	@Nested
	class MappingFiles {

		@Test
		void aFileWithAHeaderLineAByteOrderMarkQuotesAndBlankLines() throws IOException {
			Path file = file("\uFEFFheader,property\r\n\r\n\"Device, ID\",id\r\nLast reported,lastReportedDateTime\r\n"
					+ "Notes,_\r\n");
			ColumnMapping mapping = ColumnMapping.of(List.of(), file);
			assertThat(mapping.meaningOf("device, id"))
				.isEqualTo(new ColumnMapping.Sets(DeviceStatusProperty.ID, "--mapping " + file + ", line 3"));
			assertThat(propertyOf(mapping, "LAST REPORTED")).isEqualTo(DeviceStatusProperty.LAST_REPORTED_DATE_TIME);
			assertThat(mapping.meaningOf("notes")).isInstanceOf(ColumnMapping.Ignored.class);
			assertThat(propertyOf(mapping, "header")).as("the header line maps nothing").isNull();
		}

		@Test
		void aFileSavedWithSemicolonsOrTabsAndTheEmptyCellsOfASpreadsheet() throws IOException {
			ColumnMapping semicolons = ColumnMapping.of(List.of(), file("Gerät, Kennung;id;;\nStatus neu;status;;\n"));
			assertThat(propertyOf(semicolons, "Gerät, Kennung")).isEqualTo(DeviceStatusProperty.ID);
			assertThat(propertyOf(semicolons, "Status neu")).isEqualTo(DeviceStatusProperty.STATUS);
			ColumnMapping tabs = ColumnMapping.of(List.of(), file("Device ID\tid\n"));
			assertThat(propertyOf(tabs, "Device ID")).isEqualTo(DeviceStatusProperty.ID);
		}

		@Test
		void fileAndOptionsTogetherAndAConflictBetweenThemNamesBoth() throws IOException {
			Path file = file("Device ID,id\n");
			assertThat(propertyOf(ColumnMapping.of(List.of("Model=deviceModel"), file), "model"))
				.isEqualTo(DeviceStatusProperty.DEVICE_MODEL);
			assertThatThrownBy(() -> ColumnMapping.of(List.of("Serial=id"), file))
				.hasMessage("--map \"Serial=id\": the headers 'Device ID' (--mapping " + file + ", line 1) and"
						+ " 'Serial' are both mapped to id; a property takes one column, so keep one of the two");
		}

		@Test
		void aLineThatIsNotAPairIsNamedWithItsLine() throws IOException {
			Path one = file("Device ID,id\nStatus\n");
			assertThatThrownBy(() -> ColumnMapping.of(List.of(), one))
				.hasMessage("--mapping " + one + ", line 2 has one cell 'Status'; each line is HEADER,property, for"
						+ " example Device ID,id (put quotes around a header that holds the separator)");
			Path three = file("Device, ID,id\n");
			assertThatThrownBy(() -> ColumnMapping.of(List.of(), three))
				.hasMessageStartingWith("--mapping " + three + ", line 1 has 3 cells 'Device', ' ID', 'id';");
		}

		@Test
		void anUnknownPropertyInTheFileIsNamedWithItsLine() throws IOException {
			Path file = file("header,property\nDevice ID,id\nSeen,last seen\n");
			assertThatThrownBy(() -> ColumnMapping.of(List.of(), file))
				.hasMessageStartingWith("--mapping " + file + ", line 3: 'last seen' is not a property; map a header to"
						+ " one of deviceConfigurationId,");
		}

		@Test
		void bytesThatAreNotUtf8AreNamedWithTheirLineAndPlace() throws IOException {
			// windows-1252's ä
			Path file = file(new byte[] { 'i', 'd', ',', 'i', 'd', '\n', 'G', 'e', 'r', (byte) 0xE4, 't', ',', 'i', 'd' });
			assertThatThrownBy(() -> ColumnMapping.of(List.of(), file))
				.hasMessage("--mapping " + file + ", line 2, byte offset 9: 0xE4 is not valid UTF-8; save the mapping"
						+ " file as UTF-8 (\"CSV UTF-8\")");
		}

		@Test
		void aMissingEmptyFolderOrWorkbookFileIsRefusedForWhatItIs() throws IOException {
			Path missing = this.dir().resolve("nowhere.csv");
			assertThatThrownBy(() -> ColumnMapping.of(List.of(), missing))
				.hasMessage("--mapping " + missing + " does not exist");
			assertThatThrownBy(() -> ColumnMapping.of(List.of(), this.dir()))
				.hasMessageStartingWith("--mapping " + this.dir() + " is a folder");
			Path empty = file("header,property\n\n");
			assertThatThrownBy(() -> ColumnMapping.of(List.of(), empty))
				.hasMessageStartingWith("--mapping " + empty + " holds no mapping");
			Path workbook = file(new byte[] { 'P', 'K', 3, 4, 0, 0 });
			assertThatThrownBy(() -> ColumnMapping.of(List.of(), workbook))
				.hasMessageStartingWith("--mapping " + workbook + " is a zip file, such as a workbook");
		}

		@Test
		void anUnclosedQuoteIsNamedWithItsLine() throws IOException {
			Path file = file("Device ID,id\n\"Status,status\n");
			assertThatThrownBy(() -> ColumnMapping.of(List.of(), file))
				.hasMessageStartingWith("--mapping " + file + ", line 2: a quote is not closed");
		}

		private Path dir() {
			return ColumnMappingTests.this.dir;
		}

	}

}
