package com.example.intune.statusimport.job;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * {@code --keep-runs N}: of the files next to the input named as a run's files are ({@link RunFileNames}: exactly
 * that pattern, regular files only, never a link, never the input), those of the newest N runs stay and older ones
 * go. The run that is ending counts first and always stays, whatever its files' names say (a resumed run's are older
 * than the runs between). A start counts as a run only when it left a report or a rollback file: a command that
 * never started leaves only its summary, which goes with the runs older than the kept ones, and never pushes a run
 * out. The files of a run the job store holds as unfinished stay whatever their age (the same command resumes it,
 * into its report), and so does any file that is the input of a run on record (a report being fixed and fed back).
 */
final class RunFilesCleanup {

	private final JobRepository repository;

	private final RunFileNames names;

	private final Path input;

	RunFilesCleanup(JobRepository repository, RunFileNames names, Path input) {
		this.repository = repository;
		this.names = names;
		this.input = input.toAbsolutePath().normalize();
	}

	/**
	 * @param current the ending run's context, which names its report, summary and rollback files
	 * @param notes where a file that could not be removed is named
	 */
	void keepNewest(int runs, ExecutionContext current, PrintStream notes) {
		TreeMap<String, List<Path>> byStart = new TreeMap<>(RunFileNames.START_ORDER.reversed());
		try (Stream<Path> files = Files.list(this.names.folder())) {
			files.filter(file -> Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS))
				.filter(file -> !file.toAbsolutePath().normalize().equals(this.input))
				.forEach(file -> this.names.startOf(file)
					.ifPresent(start -> byStart.computeIfAbsent(start, key -> new ArrayList<>()).add(file)));
		}
		catch (IOException ex) {
			notes.println("Note: older runs' files were not looked for: " + ex.getMessage());
			return;
		}
		if (byStart.size() <= runs) {
			return;
		}
		Set<String> ending = new HashSet<>();
		startsIn(current, ending);
		Set<String> kept = new HashSet<>(ending);
		Set<Path> inputs = new HashSet<>();
		kept.addAll(unfinishedStarts(inputs));
		int counted = ending.isEmpty() ? 0 : 1;
		for (Map.Entry<String, List<Path>> run : byStart.entrySet()) {
			if (kept.contains(run.getKey())) {
				continue;
			}
			boolean ran = run.getValue().stream().anyMatch(file -> !file.getFileName().toString().endsWith(".json"));
			if (counted < runs) {
				// a summary alone is kept only among the runs that stay; it takes no run's place
				counted += ran ? 1 : 0;
				continue;
			}
			for (Path file : run.getValue()) {
				if (!inputs.contains(file.toAbsolutePath().normalize())) {
					remove(file, notes);
				}
			}
		}
	}

	private static void remove(Path file, PrintStream notes) {
		try {
			Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			notes.println("Note: " + file + " (an older run's file) was not removed: " + ex.getMessage());
		}
	}

	/**
	 * The starts of the runs the job store holds as unfinished, by the files they recorded; and in {@code inputs},
	 * the input of every run on record.
	 */
	private Set<String> unfinishedStarts(Set<Path> inputs) {
		Set<String> starts = new HashSet<>();
		for (JobInstance instance : this.repository.getJobInstances(ImportJobConfiguration.JOB_NAME, 0,
				Integer.MAX_VALUE)) {
			JobExecution last = this.repository.getLastJobExecution(instance);
			if (last == null) {
				continue;
			}
			String inputPath = last.getJobParameters().getString("input.path");
			if (inputPath != null) {
				inputs.add(Path.of(inputPath).toAbsolutePath().normalize());
			}
			if (last.getStatus() == BatchStatus.COMPLETED || last.getStatus() == BatchStatus.ABANDONED) {
				continue;
			}
			JobExecution hydrated = this.repository.getJobExecution(last.getId());
			startsIn((hydrated == null ? last : hydrated).getExecutionContext(), starts);
		}
		return starts;
	}

	/** The starts of the run files a run's context names. */
	private void startsIn(ExecutionContext context, Set<String> starts) {
		for (String key : List.of(RunFiles.REPORT_KEY, RunFiles.SUMMARY_KEY, RunFiles.ROLLBACK_KEY)) {
			String paths = context.getString(key, null);
			if (paths != null) {
				paths.lines().forEach(path -> this.names.startOf(Path.of(path)).ifPresent(starts::add));
			}
		}
	}

}
