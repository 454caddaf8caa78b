/**
 * The device status as this job knows it: its properties (the one column mapping), the compliance status names, the
 * rule for the ids that address it, and a validated update.
 */
package com.example.intune.statusimport.devicestatus;
