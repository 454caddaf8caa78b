package com.example.intune.statusimport.simulator;

/**
 * How the simulator counts a quota's window. Nobody outside Microsoft knows which one Intune uses, so a client is
 * measured against both.
 */
public enum QuotaKind {

	/**
	 * A window opens with the first request after the last one closed and lasts the window's length; a request over
	 * the quota is told the seconds left in it.
	 */
	FIXED,

	/**
	 * At most the quota in any window ending now; a request over the quota is told when enough of the requests
	 * counted will have left the window for one more to pass.
	 */
	SLIDING

}
