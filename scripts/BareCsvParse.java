import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import com.opencsv.RFC4180ParserBuilder;

/** The floor for scripts/bench: parse a CSV with opencsv and nothing else, and print rows per second. */
public class BareCsvParse {

	public static void main(String[] args) throws Exception {
		long started = System.nanoTime();
		long rows = 0;
		try (CSVReader reader = new CSVReaderBuilder(new BufferedReader(
				new InputStreamReader(Files.newInputStream(Path.of(args[0])), StandardCharsets.UTF_8), 1 << 16))
			.withCSVParser(new RFC4180ParserBuilder().build())
			.build()) {
			while (reader.readNext() != null) {
				rows++;
			}
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		System.out.printf("bare opencsv parse: %,d records in %.2f s, %,.0f rows/s%n", rows, seconds, rows / seconds);
	}

}
