package com.example.intune.statusimport.graph;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** When a run of answers shows that no row can succeed, and when it is only bad rows. */
class AnswerWallsTests {

	private final AnswerWalls walls = new AnswerWalls();

	private static RequestOutcome refused(int status, String code) {
		return new RequestOutcome(false, false, status, code, "refused", "req", "client", 1, null);
	}

	private static RequestOutcome applied() {
		return new RequestOutcome(true, false, 200, null, null, "req", "client", 1, null);
	}

	private void note(int times, RequestOutcome outcome, String foreign) {
		for (int i = 0; i < times; i++) {
			this.walls.note(outcome, foreign);
		}
	}

	@Test
	void theTwentiethForbiddenAnswerInARowFromTheStartStopsTheRunNamingGraphsCode() {
		note(AnswerWalls.LIMIT - 1, refused(403, "Authorization_RequestDenied"), null);

		assertThatThrownBy(() -> this.walls.note(refused(403, "Authorization_RequestDenied"), null))
			.isInstanceOf(GraphFatalException.class)
			.hasMessageStartingWith("Graph refused the first 20 rows with 403 Authorization_RequestDenied:")
			.hasMessageContaining("DeviceManagementConfiguration.ReadWrite.All")
			.hasMessageContaining("run the same command again to resume");
	}

	@Test
	void forbiddenAnswersWithoutACodeAreCalledForbidden() {
		note(AnswerWalls.LIMIT - 1, refused(403, null), null);

		assertThatThrownBy(() -> this.walls.note(refused(403, null), null))
			.hasMessageStartingWith("Graph refused the first 20 rows with 403 Forbidden:");
	}

	@Test
	void forbiddenRowsAfterAnyOtherAnswerAreOnlyBadRows() {
		// once one row was not refused, the app has its permission: later 403s are about those rows
		this.walls.note(applied(), null);
		assertThatCode(() -> note(3 * AnswerWalls.LIMIT, refused(403, "Forbidden"), null)).doesNotThrowAnyException();
	}

	@Test
	void forbiddenRowsWithDifferentCodesAreNoWall() {
		note(5, refused(403, "Forbidden"), null);
		this.walls.note(refused(403, "ResourceLocked"), null);
		assertThatCode(() -> note(3 * AnswerWalls.LIMIT, refused(403, "Forbidden"), null)).doesNotThrowAnyException();
	}

	@Test
	void anotherRefusalBeforeTheForbiddenOnesMeansThePermissionIsThere() {
		this.walls.note(refused(404, "ResourceNotFound"), null);
		assertThatCode(() -> note(3 * AnswerWalls.LIMIT, refused(403, "Forbidden"), null)).doesNotThrowAnyException();
	}

	@Test
	void theTwentiethAnswerInARowThatIsNotGraphsStopsTheRunQuotingTheLast() {
		note(AnswerWalls.LIMIT - 1, applied(), "a portal page");

		assertThatThrownBy(() -> this.walls.note(applied(), "the sign-in page"))
			.isInstanceOf(GraphFatalException.class)
			.hasMessageStartingWith("the last 20 answers did not come from Graph; the last one: the sign-in page.")
			.hasMessageContaining("wrong --graph-url");
	}

	@Test
	void oneAnswerFromGraphBreaksTheRowOfForeignAnswers() {
		note(AnswerWalls.LIMIT - 1, applied(), "a portal page");
		this.walls.note(applied(), null);
		assertThatCode(() -> note(AnswerWalls.LIMIT - 1, applied(), "a portal page")).doesNotThrowAnyException();
		assertThatThrownBy(() -> this.walls.note(applied(), "a portal page")).isInstanceOf(GraphFatalException.class);
	}

}
