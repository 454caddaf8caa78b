package com.example.intune.statusimport.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import picocli.CommandLine;

/** The product version, from the build. */
public final class Version implements CommandLine.IVersionProvider {

	public static final String PRODUCT = "device-status-import";

	public static String number() {
		try (InputStream in = Version.class.getResourceAsStream("/device-status-import-version.properties")) {
			Properties properties = new Properties();
			if (in != null) {
				properties.load(in);
			}
			return properties.getProperty("version", "unknown");
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	/** What the importer sends as {@code User-Agent}. */
	public static String userAgent() {
		return PRODUCT + "/" + number() + " (Java " + Runtime.version().feature() + ")";
	}

	@Override
	public String[] getVersion() {
		return new String[] { PRODUCT + " " + number() };
	}

}
