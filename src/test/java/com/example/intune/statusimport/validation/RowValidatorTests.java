package com.example.intune.statusimport.validation;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import com.example.intune.statusimport.devicestatus.DeviceStatusProperty;
import com.example.intune.statusimport.input.SourceRow;

import static com.example.intune.statusimport.devicestatus.DeviceStatusProperty.COMPLIANCE_GRACE_PERIOD_EXPIRATION_DATE_TIME;
import static com.example.intune.statusimport.devicestatus.DeviceStatusProperty.DEVICE_CONFIGURATION_ID;
import static com.example.intune.statusimport.devicestatus.DeviceStatusProperty.DEVICE_DISPLAY_NAME;
import static com.example.intune.statusimport.devicestatus.DeviceStatusProperty.ID;
import static com.example.intune.statusimport.devicestatus.DeviceStatusProperty.LAST_REPORTED_DATE_TIME;
import static com.example.intune.statusimport.devicestatus.DeviceStatusProperty.STATUS;
import static com.example.intune.statusimport.devicestatus.DeviceStatusProperty.USER_PRINCIPAL_NAME;
import static org.assertj.core.api.Assertions.assertThat;

class RowValidatorTests {

	private final RowValidator validator = new RowValidator(null, DateTimeReading.ISO_WITH_OFFSET);

	private static SourceRow row(Object... keyValues) {
		Map<DeviceStatusProperty, String> values = new EnumMap<>(DeviceStatusProperty.class);
		values.put(DEVICE_CONFIGURATION_ID, "cfg-1");
		values.put(ID, "dcs-1");
		for (int i = 0; i < keyValues.length; i += 2) {
			values.put((DeviceStatusProperty) keyValues[i], (String) keyValues[i + 1]);
		}
		return new SourceRow(2, values, new SourceRow.DelimitedCells(List.of()), List.of(), false, 0);
	}

	private RowValidation validate(Object... keyValues) {
		return this.validator.validate(row(keyValues));
	}

	@Nested
	class Ids {

		@ParameterizedTest
		@ValueSource(strings = { "dcs-1", "a", "A.b_c-9", "0f8fad5b-d9cb-469f-a165-70867728950e" })
		void safePathSegmentsAreAccepted(String id) {
			RowValidation validation = validate(ID, id, STATUS, "compliant");
			assertThat(validation.isValid()).isTrue();
			assertThat(validation.update().id()).isEqualTo(id);
		}

		@ParameterizedTest
		@ValueSource(strings = { "../../users/x", "a/b", "x?y", "%2e%2e", ".", "..", "a b", "a#b", "a\\b" })
		void pathLikeIdsAreRefused(String id) {
			RowValidation validation = validate(ID, id, STATUS, "compliant");
			assertThat(validation.isValid()).isFalse();
			assertThat(validation.problem()).startsWith("id: '").contains("is not a valid id");
		}

		@Test
		void anIdOfMoreThan128CharactersIsRefused() {
			assertThat(validate(ID, "a".repeat(128), STATUS, "compliant").isValid()).isTrue();
			assertThat(validate(ID, "a".repeat(129), STATUS, "compliant").problem())
				.contains("129 characters long, at most 128");
		}

		@Test
		void aMissingIdIsRefused() {
			assertThat(validate(ID, null, STATUS, "compliant").problem()).contains("id is required");
		}

		@Test
		void theConfigurationIdMayComeFromTheCommandLine() {
			Map<DeviceStatusProperty, String> values = new EnumMap<>(DeviceStatusProperty.class);
			values.put(ID, "dcs-1");
			values.put(STATUS, "compliant");
			SourceRow withoutConfiguration = new SourceRow(2, values, new SourceRow.DelimitedCells(List.of()),
					List.of(), false, 0);
			assertThat(new RowValidator("cfg-default", DateTimeReading.ISO_WITH_OFFSET).validate(withoutConfiguration)
				.update()
				.deviceConfigurationId()).isEqualTo("cfg-default");
			assertThat(new RowValidator(null, DateTimeReading.ISO_WITH_OFFSET).validate(withoutConfiguration).problem())
				.contains("deviceConfigurationId is required (or give --configuration-id");
		}

		@Test
		void aPathLikeConfigurationIdIsRefused() {
			assertThat(validate(DEVICE_CONFIGURATION_ID, "../x", STATUS, "compliant").problem())
				.startsWith("deviceConfigurationId: '../x' is not a valid id");
		}

	}

	@Nested
	class Status {

		@ParameterizedTest
		@ValueSource(strings = { "noncompliant", "NONCOMPLIANT", "nonCompliant", " nonCompliant " })
		void anyLetterCaseIsSentInCanonicalForm(String status) {
			assertThat(validate(STATUS, status).update().changes()).containsEntry(STATUS, "nonCompliant");
		}

		@ParameterizedTest
		@CsvSource({ "Non-compliant,nonCompliant", "Not compliant,nonCompliant", "not_applicable,notApplicable",
				"Not Assigned,notAssigned", "REMEDIATED,remediated" })
		void intuneLabelsAreSentInCanonicalForm(String label, String sent) {
			assertThat(validate(STATUS, label).update().changes()).containsEntry(STATUS, sent);
		}

		@ParameterizedTest
		@ValueSource(strings = { "compliantt", "4", "non.compliant", "" })
		void otherValuesAreRefusedListingTheAcceptedOnes(String status) {
			assertThat(validate(STATUS, status).problem()).contains("is not a compliance status")
				.contains("unknown, notApplicable, compliant, remediated, nonCompliant (or Not compliant), error,"
						+ " conflict, notAssigned (letter case, spaces, - and _ ignored");
		}

		@Test
		void aLabelOfTheAdminCenterWithoutAValueIsRefusedSayingSo() {
			assertThat(validate(STATUS, "In grace period").problem())
				.startsWith("status: 'In grace period' is how the Intune admin center shows a device's overall"
						+ " compliance state, for which Graph's complianceStatus has no value, use one of unknown,");
		}

		@Test
		void statusCannotBeCleared() {
			assertThat(validate(STATUS, null).problem()).contains("status cannot be cleared");
		}

	}

	@Nested
	class DateTimes {

		@ParameterizedTest
		@ValueSource(strings = { "2016-12-31T23:56:44.951111-08:00", "2026-11-28T09:30:00Z", "2026-11-28T10:30+01:00" })
		void isoDateTimesWithAnOffsetAreAccepted(String value) {
			assertThat(validate(LAST_REPORTED_DATE_TIME, value).update().changes())
				.containsEntry(LAST_REPORTED_DATE_TIME, value);
		}

		@ParameterizedTest
		@ValueSource(strings = { "2026-11-28", "28/11/2026 09:30", "yesterday" })
		void otherFormsAreRefusedNamingTheAcceptedOnes(String value) {
			assertThat(validate(COMPLIANCE_GRACE_PERIOD_EXPIRATION_DATE_TIME, value).problem())
				.startsWith("complianceGracePeriodExpirationDateTime: '" + value + "' is not a date-time with an offset")
				.contains("2026-11-28T09:30:00Z")
				.contains("--date-format")
				.contains("--time-zone");
		}

		@Test
		void aLocalTimeWithoutTimeZoneIsRefusedNamingTheOption() {
			RowValidation validation = validate(LAST_REPORTED_DATE_TIME, "2026-11-28T14:05:00");
			assertThat(validation.problem()).startsWith("lastReportedDateTime: '2026-11-28T14:05:00' has no offset")
				.contains("give --time-zone");
			assertThat(validation.failedProperties()).containsExactly(LAST_REPORTED_DATE_TIME);
		}

		@Test
		void aLocalTimeIsSentInUtc() {
			RowValidator berlin = new RowValidator(null, new DateTimeReading(
					List.of(DateTimePattern.of("dd.MM.yyyy HH:mm")), java.time.ZoneId.of("Europe/Berlin")));
			RowValidation validation = berlin.validate(row(LAST_REPORTED_DATE_TIME, " 28.11.2026 14:05 ",
					COMPLIANCE_GRACE_PERIOD_EXPIRATION_DATE_TIME, "2026-11-28T14:05:00", STATUS, "compliant"));
			assertThat(validation.update().changes()).containsEntry(LAST_REPORTED_DATE_TIME, "2026-11-28T13:05:00Z")
				.containsEntry(COMPLIANCE_GRACE_PERIOD_EXPIRATION_DATE_TIME, "2026-11-28T13:05:00Z");
		}

		@Test
		void aValueWithAnOffsetIsSentAsWrittenWhateverTheZone() {
			RowValidator berlin = new RowValidator(null,
					new DateTimeReading(List.of(), java.time.ZoneId.of("Europe/Berlin")));
			assertThat(berlin.validate(row(LAST_REPORTED_DATE_TIME, "2026-11-28T10:30:00+01:00")).update().changes())
				.containsEntry(LAST_REPORTED_DATE_TIME, "2026-11-28T10:30:00+01:00");
		}

		@ParameterizedTest
		@EnumSource(value = DeviceStatusProperty.class,
				names = { "LAST_REPORTED_DATE_TIME", "COMPLIANCE_GRACE_PERIOD_EXPIRATION_DATE_TIME" })
		void nullIsRefusedSinceGraphRequiresADate(DeviceStatusProperty property) {
			RowValidation validation = validate(property, null, STATUS, "compliant");
			assertThat(validation.isValid()).isFalse();
			assertThat(validation.problem()).isEqualTo(property.graphName() + " cannot be cleared (Graph requires a"
					+ " value), give a date-time such as 2026-11-28T09:30:00Z, or leave the key out to keep the value"
					+ " Graph holds");
			assertThat(validation.failedProperties()).containsExactly(property);
		}

	}

	@Nested
	class Clearing {

		@ParameterizedTest
		@EnumSource(value = DeviceStatusProperty.class,
				names = { "DEVICE_DISPLAY_NAME", "USER_NAME", "DEVICE_MODEL", "USER_PRINCIPAL_NAME" })
		void nullClearsTheStrings(DeviceStatusProperty property) {
			RowValidation validation = validate(property, null);
			assertThat(validation.isValid()).isTrue();
			assertThat(validation.update().changes()).containsEntry(property, null);
		}

	}

	@Nested
	class UserPrincipalNames {

		@ParameterizedTest
		@ValueSource(strings = { "adele@contoso.com", "a.b+c@contoso.onmicrosoft.com" })
		void nameAtDomainIsAccepted(String value) {
			assertThat(validate(USER_PRINCIPAL_NAME, value).isValid()).isTrue();
		}

		@ParameterizedTest
		@ValueSource(strings = { "adele", "Lee Gu@contoso", "a@b@c", "@contoso.com", "adele@" })
		void otherShapesAreRefused(String value) {
			assertThat(validate(USER_PRINCIPAL_NAME, value).problem()).contains("does not look like name@domain");
		}

	}

	@Nested
	class Text {

		@Test
		void controlCharactersAreRefused() {
			assertThat(validate(DEVICE_DISPLAY_NAME, "LAPTOP\nONE").problem())
				.contains("deviceDisplayName: 'LAPTOP\\u000AONE' contains a control character (U+000A at position 7)");
		}

		@Test
		void theReplacementCharacterIsRefusedSinceTheCharacterItStandsForIsLost() {
			// undecodable bytes stop the run before validation; this is U+FFFD written in the file itself
			assertThat(validate(DEVICE_DISPLAY_NAME, "caf\uFFFD").problem())
				.contains("'caf\uFFFD' contains \uFFFD (U+FFFD at position 4)").contains("type it again");
		}

		@Test
		void textLongerThanTheLimitIsRefused() {
			assertThat(validate(DEVICE_DISPLAY_NAME, "x".repeat(RowValidator.MAX_TEXT_LENGTH)).isValid()).isTrue();
			assertThat(validate(DEVICE_DISPLAY_NAME, "x".repeat(RowValidator.MAX_TEXT_LENGTH + 1)).problem())
				.contains("1025 characters long, at most 1024");
		}

		@Test
		void surroundingSpacesAreRemoved() {
			assertThat(validate(DEVICE_DISPLAY_NAME, "  LAPTOP-1 ").update().changes())
				.containsEntry(DEVICE_DISPLAY_NAME, "LAPTOP-1");
		}

	}

	@Nested
	class Rows {

		@Test
		void aRowMustChangeSomething() {
			assertThat(validate().problem()).startsWith("the row changes nothing");
		}

		@Test
		void everyProblemOfARowIsListed() {
			String problem = validate(ID, "a/b", STATUS, "nope", USER_PRINCIPAL_NAME, "x").problem();
			assertThat(problem.split("; ")).hasSize(3);
		}

		@Test
		void theRefusedPropertiesAreNamedSoThatAReportCanPointAtTheirCells() {
			RowValidation validation = validate(ID, "a/b", STATUS, "nope", DEVICE_DISPLAY_NAME, "fine",
					USER_PRINCIPAL_NAME, "x");
			assertThat(validation.failedProperties()).containsExactlyInAnyOrder(ID, STATUS, USER_PRINCIPAL_NAME);
			assertThat(validate(STATUS, "compliant").failedProperties()).isEmpty();
			assertThat(validate().failedProperties()).isEmpty();
		}

		@Test
		void problemsFoundWhileReadingMakeTheRowInvalid() {
			SourceRow row = new SourceRow(4, Map.of(ID, "dcs-1", STATUS, "compliant"),
					new SourceRow.RawText("{}"), List.of("unknown key 'stauts'"), false, 0);
			assertThat(new RowValidator("cfg", DateTimeReading.ISO_WITH_OFFSET).validate(row).problem())
				.isEqualTo("unknown key 'stauts'");
		}

		@Test
		void aCellThatCouldNotBeReadIsNamedAmongTheRefusedProperties() {
			SourceRow row = new SourceRow(7, Map.of(ID, "dcs-1", DEVICE_DISPLAY_NAME, "x"),
					new SourceRow.RawText(""), List.of("column 'status' (cell D7) holds the logical value TRUE"), false,
					0, java.util.Set.of(STATUS), null);
			assertThat(new RowValidator("cfg", DateTimeReading.ISO_WITH_OFFSET).validate(row).failedProperties())
				.containsExactly(STATUS);
		}

		@Test
		void onlyTheSetPropertiesAreSent() {
			assertThat(validate(STATUS, "compliant").update().changes()).containsOnlyKeys(STATUS);
		}

	}

}
