/* SPDX-License-Identifier: GPL-2.0-or-later */
/* co_tables.c - CiA 301 (NMT, EMCY, SDO) and CiA 305 (LSS) value names */
#include "config.h"
#include "co_tables.h"

#include <stdio.h>

#include "event.h"

const struct co_tok co_nmt_cmds[] = {
	{ NMT_CS_START, "start" },
	{ NMT_CS_STOP, "stop" },
	{ NMT_CS_PREOP, "pre-operational" },
	{ NMT_CS_RESET_NODE, "reset-node" },
	{ NMT_CS_RESET_COMM, "reset-communication" },
	{ 0, NULL },
};

const struct co_tok co_nmt_states[] = {
	{ NMT_ST_BOOTUP, "boot-up" },
	{ NMT_ST_STOPPED, "stopped" },
	{ NMT_ST_OPERATIONAL, "operational" },
	{ NMT_ST_PREOP, "pre-operational" },
	{ 0, NULL },
};

/* CiA 301 table 26: codes with a meaning of their own (looked up first). */
static const struct co_tok co_emcy_codes[] = {
	{ 0x0000, "error reset / no error" },
	{ 0x8110, "CAN overrun (objects lost)" },
	{ 0x8120, "CAN in error passive mode" },
	{ 0x8130, "life guard error or heartbeat error" },
	{ 0x8140, "recovered from bus-off" },
	{ 0x8150, "CAN-ID collision" },
	{ 0x8210, "PDO not processed due to length error" },
	{ 0x8220, "PDO length exceeded" },
	{ 0x8230, "DAM MPDO not processed, destination object not available" },
	{ 0x8240, "unexpected SYNC data length" },
	{ 0x8250, "RPDO timeout" },
	{ 0, NULL },
};

/* CiA 301 table 26: error code classes (upper byte, or upper nibble). */
static const struct co_range co_emcy_classes[] = {
	{ 0x0000, 0x00FF, "error reset / no error" },
	{ 0x1000, 0x10FF, "generic error" },
	{ 0x2000, 0x20FF, "current" },
	{ 0x2100, 0x21FF, "current, device input side" },
	{ 0x2200, 0x22FF, "current inside the device" },
	{ 0x2300, 0x23FF, "current, device output side" },
	{ 0x2400, 0x2FFF, "current" },
	{ 0x3000, 0x30FF, "voltage" },
	{ 0x3100, 0x31FF, "mains voltage" },
	{ 0x3200, 0x32FF, "voltage inside the device" },
	{ 0x3300, 0x33FF, "output voltage" },
	{ 0x3400, 0x3FFF, "voltage" },
	{ 0x4000, 0x40FF, "temperature" },
	{ 0x4100, 0x41FF, "ambient temperature" },
	{ 0x4200, 0x42FF, "device temperature" },
	{ 0x4300, 0x4FFF, "temperature" },
	{ 0x5000, 0x50FF, "device hardware" },
	{ 0x6000, 0x60FF, "device software" },
	{ 0x6100, 0x61FF, "internal software" },
	{ 0x6200, 0x62FF, "user software" },
	{ 0x6300, 0x63FF, "data set" },
	{ 0x7000, 0x70FF, "additional modules" },
	{ 0x8000, 0x80FF, "monitoring" },
	{ 0x8100, 0x81FF, "communication" },
	{ 0x8200, 0x82FF, "protocol error" },
	{ 0x9000, 0x90FF, "external error" },
	{ 0xF000, 0xF0FF, "additional functions" },
	{ 0xFF00, 0xFFFF, "device specific" },
	{ 0, 0, NULL },
};

/* CiA 301 7.5.2.2 error register (0x1001) bits. */
const struct co_tok co_emcy_reg_bits[] = {
	{ 0x01, "generic" },
	{ 0x02, "current" },
	{ 0x04, "voltage" },
	{ 0x08, "temperature" },
	{ 0x10, "communication" },
	{ 0x20, "device-profile" },
	{ 0x40, "reserved" },
	{ 0x80, "manufacturer" },
	{ 0, NULL },
};

/* CiA 301 table 22: SDO abort codes. */
const struct co_tok co_sdo_aborts[] = {
	{ 0x05030000, "toggle bit not alternated" },
	{ 0x05040000, "SDO protocol timed out" },
	{ 0x05040001, "client/server command specifier not valid or unknown" },
	{ 0x05040002, "invalid block size" },
	{ 0x05040003, "invalid sequence number" },
	{ 0x05040004, "CRC error" },
	{ 0x05040005, "out of memory" },
	{ 0x06010000, "unsupported access to an object" },
	{ 0x06010001, "attempt to read a write only object" },
	{ 0x06010002, "attempt to write a read only object" },
	{ 0x06020000, "object does not exist in the object dictionary" },
	{ 0x06040041, "object cannot be mapped to the PDO" },
	{ 0x06040042, "number and length of mapped objects exceed PDO length" },
	{ 0x06040043, "general parameter incompatibility" },
	{ 0x06040047, "general internal incompatibility in the device" },
	{ 0x06060000, "access failed due to a hardware error" },
	{ 0x06070010, "data type does not match, "
		      "length of service parameter does not match" },
	{ 0x06070012, "data type does not match, "
		      "length of service parameter too high" },
	{ 0x06070013, "data type does not match, "
		      "length of service parameter too low" },
	{ 0x06090011, "sub-index does not exist" },
	{ 0x06090030, "invalid value for parameter" },
	{ 0x06090031, "value of parameter written too high" },
	{ 0x06090032, "value of parameter written too low" },
	{ 0x06090036, "maximum value is less than minimum value" },
	{ 0x060A0023, "resource not available: SDO connection" },
	{ 0x08000000, "general error" },
	{ 0x08000020, "data cannot be transferred or stored "
		      "to the application" },
	{ 0x08000021, "data cannot be transferred or stored "
		      "to the application because of local control" },
	{ 0x08000022, "data cannot be transferred or stored to the "
		      "application because of the present device state" },
	{ 0x08000023, "object dictionary dynamic generation fails "
		      "or no object dictionary is present" },
	{ 0x08000024, "no data available" },
	{ 0, NULL },
};

/* Short names of enum sdo_fn, as printed ("c->s init-upload"). */
const struct co_tok co_sdo_fns[] = {
	{ SDO_FN_UNKNOWN, "unknown" },
	{ SDO_FN_INIT_DL_REQ, "init-download" },
	{ SDO_FN_INIT_DL_RSP, "init-download" },
	{ SDO_FN_DL_SEG_REQ, "download-seg" },
	{ SDO_FN_DL_SEG_RSP, "download-seg" },
	{ SDO_FN_INIT_UL_REQ, "init-upload" },
	{ SDO_FN_INIT_UL_RSP, "init-upload" },
	{ SDO_FN_UL_SEG_REQ, "upload-seg" },
	{ SDO_FN_UL_SEG_RSP, "upload-seg" },
	{ SDO_FN_ABORT, "abort" },
	{ SDO_FN_BLK_DL_INIT_REQ, "blk-download-init" },
	{ SDO_FN_BLK_DL_INIT_RSP, "blk-download-init" },
	{ SDO_FN_BLK_DL_SEG, "blk-download-seg" },
	{ SDO_FN_BLK_DL_ACK, "blk-download-ack" },
	{ SDO_FN_BLK_DL_END_REQ, "blk-download-end" },
	{ SDO_FN_BLK_DL_END_RSP, "blk-download-end" },
	{ SDO_FN_BLK_UL_INIT_REQ, "blk-upload-init" },
	{ SDO_FN_BLK_UL_INIT_RSP, "blk-upload-init" },
	{ SDO_FN_BLK_UL_START, "blk-upload-start" },
	{ SDO_FN_BLK_UL_SEG, "blk-upload-seg" },
	{ SDO_FN_BLK_UL_ACK, "blk-upload-ack" },
	{ SDO_FN_BLK_UL_END_REQ, "blk-upload-end" },
	{ SDO_FN_BLK_UL_END_RSP, "blk-upload-end" },
	{ 0, NULL },
};

/* CiA 305 command specifiers (requests and their responses share one). */
const struct co_tok co_lss_cmds[] = {
	{ LSS_SWITCH_GLOBAL, "switch-global" },
	{ LSS_CONF_NODE_ID, "config-node-id" },
	{ LSS_CONF_BIT_TIMING, "config-bit-timing" },
	{ LSS_ACTIVATE_BIT_TIMING, "activate-bit-timing" },
	{ LSS_STORE, "store-config" },
	{ LSS_SWITCH_SEL_VENDOR, "switch-selective-vendor" },
	{ LSS_SWITCH_SEL_PRODUCT, "switch-selective-product" },
	{ LSS_SWITCH_SEL_REVISION, "switch-selective-revision" },
	{ LSS_SWITCH_SEL_SERIAL, "switch-selective-serial" },
	{ LSS_SWITCH_SEL_RSP, "switch-selective-ok" },
	{ LSS_IDENT_VENDOR, "identify-vendor" },
	{ LSS_IDENT_PRODUCT, "identify-product" },
	{ LSS_IDENT_REV_LOW, "identify-revision-low" },
	{ LSS_IDENT_REV_HIGH, "identify-revision-high" },
	{ LSS_IDENT_SERIAL_LOW, "identify-serial-low" },
	{ LSS_IDENT_SERIAL_HIGH, "identify-serial-high" },
	{ LSS_IDENT_NON_CONF, "identify-non-configured" },
	{ LSS_IDENT_SLAVE, "identify-slave" },
	{ LSS_IDENT_NON_CONF_SLAVE, "identify-non-configured-slave" },
	{ LSS_FASTSCAN, "fastscan" },
	{ LSS_INQ_VENDOR, "inquire-vendor" },
	{ LSS_INQ_PRODUCT, "inquire-product" },
	{ LSS_INQ_REVISION, "inquire-revision" },
	{ LSS_INQ_SERIAL, "inquire-serial" },
	{ LSS_INQ_NODE_ID, "inquire-node-id" },
	{ 0, NULL },
};

const struct co_tok co_lss_modes[] = {
	{ 0, "waiting" },
	{ 1, "configuration" },
	{ 0, NULL },
};

/* CiA 305 bit timing table 0 (CiA 301 standard rates). */
const struct co_tok co_lss_bitrates[] = {
	{ 0, "1000 kbit/s" },
	{ 1, "800 kbit/s" },
	{ 2, "500 kbit/s" },
	{ 3, "250 kbit/s" },
	{ 4, "125 kbit/s" },
	{ 5, "reserved (100 kbit/s in DSP 305 v1)" },
	{ 6, "50 kbit/s" },
	{ 7, "20 kbit/s" },
	{ 8, "10 kbit/s" },
	{ 9, "automatic bit rate detection" },
	{ 0, NULL },
};

static const struct co_tok co_lss_err_node_id[] = {
	{ 0, "ok" },
	{ 1, "node-ID out of range" },
	{ 0xFF, "implementation specific error" },
	{ 0, NULL },
};

static const struct co_tok co_lss_err_bit_timing[] = {
	{ 0, "ok" },
	{ 1, "bit timing not supported" },
	{ 0xFF, "implementation specific error" },
	{ 0, NULL },
};

static const struct co_tok co_lss_err_store[] = {
	{ 0, "ok" },
	{ 1, "store configuration not supported" },
	{ 2, "storage media access error" },
	{ 0xFF, "implementation specific error" },
	{ 0, NULL },
};

/* Name of the 32-bit value (bytes 1-4) an LSS frame carries, by cs. */
const struct co_tok co_lss_val_names[] = {
	{ LSS_SWITCH_SEL_VENDOR, "vendor" },
	{ LSS_SWITCH_SEL_PRODUCT, "product" },
	{ LSS_SWITCH_SEL_REVISION, "revision" },
	{ LSS_SWITCH_SEL_SERIAL, "serial" },
	{ LSS_IDENT_VENDOR, "vendor" },
	{ LSS_IDENT_PRODUCT, "product" },
	{ LSS_IDENT_REV_LOW, "revision_low" },
	{ LSS_IDENT_REV_HIGH, "revision_high" },
	{ LSS_IDENT_SERIAL_LOW, "serial_low" },
	{ LSS_IDENT_SERIAL_HIGH, "serial_high" },
	{ LSS_FASTSCAN, "id" },
	{ LSS_INQ_VENDOR, "vendor" },
	{ LSS_INQ_PRODUCT, "product" },
	{ LSS_INQ_REVISION, "revision" },
	{ LSS_INQ_SERIAL, "serial" },
	{ 0, NULL },
};

/* CiA 301 table 63 communication objects, and the CiA 302 ones that
 * configuration tools touch most. */
static const struct co_tok co_od_objects[] = {
	{ 0x1000, "device type" },
	{ 0x1001, "error register" },
	{ 0x1002, "manufacturer status register" },
	{ 0x1003, "pre-defined error field" },
	{ 0x1005, "COB-ID SYNC" },
	{ 0x1006, "communication cycle period" },
	{ 0x1007, "synchronous window length" },
	{ 0x1008, "manufacturer device name" },
	{ 0x1009, "manufacturer hardware version" },
	{ 0x100A, "manufacturer software version" },
	{ 0x100C, "guard time" },
	{ 0x100D, "life time factor" },
	{ 0x1010, "store parameters" },
	{ 0x1011, "restore default parameters" },
	{ 0x1012, "COB-ID TIME" },
	{ 0x1013, "high resolution time stamp" },
	{ 0x1014, "COB-ID EMCY" },
	{ 0x1015, "inhibit time EMCY" },
	{ 0x1016, "consumer heartbeat time" },
	{ 0x1017, "producer heartbeat time" },
	{ 0x1018, "identity object" },
	{ 0x1019, "synchronous counter overflow value" },
	{ 0x1020, "verify configuration" },
	{ 0x1021, "store EDS" },
	{ 0x1022, "store format" },
	{ 0x1023, "OS command" },
	{ 0x1024, "OS command mode" },
	{ 0x1025, "OS debugger interface" },
	{ 0x1026, "OS prompt" },
	{ 0x1027, "module list" },
	{ 0x1028, "emergency consumer object" },
	{ 0x1029, "error behavior object" },
	{ 0x102A, "NMT inhibit time" },
	{ 0x1F22, "concise DCF" },
	{ 0x1F25, "configuration request" },
	{ 0x1F50, "program data" },
	{ 0x1F51, "program control" },
	{ 0x1F56, "program software identification" },
	{ 0x1F57, "flash status identification" },
	{ 0x1F80, "NMT startup" },
	{ 0x1F81, "NMT slave assignment" },
	{ 0x1F82, "request NMT" },
	{ 0x1F89, "boot time" },
	{ 0, NULL },
};

/* CiA 301 object dictionary areas. */
static const struct co_range co_od_areas[] = {
	{ 0x0001, 0x025F, "data types" },
	{ 0x1000, 0x11FF, "communication profile area" },
	{ 0x1200, 0x127F, "SDO server parameter" },
	{ 0x1280, 0x12FF, "SDO client parameter" },
	{ 0x1300, 0x13FF, "communication profile area" },
	{ 0x1400, 0x15FF, "RPDO communication parameter" },
	{ 0x1600, 0x17FF, "RPDO mapping parameter" },
	{ 0x1800, 0x19FF, "TPDO communication parameter" },
	{ 0x1A00, 0x1BFF, "TPDO mapping parameter" },
	{ 0x1C00, 0x1FFF, "communication profile area" },
	{ 0x2000, 0x5FFF, "manufacturer-specific profile area" },
	{ 0x6000, 0x9FFF, "standardized profile area" },
	{ 0xA000, 0xBFFF, "standardized network variable area" },
	{ 0xC000, 0xFFFF, "reserved" },
	{ 0, 0, NULL },
};

/* key: need << 8 | have; "dlc have </> need" for the fixed-size services */
static const struct co_tok why_dlc[] = {
	{ 0x100, "dlc 0 < 1" },
	{ 0x102, "dlc 2 > 1" },
	{ 0x103, "dlc 3 > 1" },
	{ 0x104, "dlc 4 > 1" },
	{ 0x105, "dlc 5 > 1" },
	{ 0x106, "dlc 6 > 1" },
	{ 0x107, "dlc 7 > 1" },
	{ 0x108, "dlc 8 > 1" },
	{ 0x10C, "dlc 12 > 1" },
	{ 0x110, "dlc 16 > 1" },
	{ 0x114, "dlc 20 > 1" },
	{ 0x118, "dlc 24 > 1" },
	{ 0x120, "dlc 32 > 1" },
	{ 0x130, "dlc 48 > 1" },
	{ 0x140, "dlc 64 > 1" },
	{ 0x200, "dlc 0 < 2" },
	{ 0x201, "dlc 1 < 2" },
	{ 0x203, "dlc 3 > 2" },
	{ 0x204, "dlc 4 > 2" },
	{ 0x205, "dlc 5 > 2" },
	{ 0x206, "dlc 6 > 2" },
	{ 0x207, "dlc 7 > 2" },
	{ 0x208, "dlc 8 > 2" },
	{ 0x20C, "dlc 12 > 2" },
	{ 0x210, "dlc 16 > 2" },
	{ 0x214, "dlc 20 > 2" },
	{ 0x218, "dlc 24 > 2" },
	{ 0x220, "dlc 32 > 2" },
	{ 0x230, "dlc 48 > 2" },
	{ 0x240, "dlc 64 > 2" },
	{ 0x600, "dlc 0 < 6" },
	{ 0x601, "dlc 1 < 6" },
	{ 0x602, "dlc 2 < 6" },
	{ 0x603, "dlc 3 < 6" },
	{ 0x604, "dlc 4 < 6" },
	{ 0x605, "dlc 5 < 6" },
	{ 0x607, "dlc 7 > 6" },
	{ 0x608, "dlc 8 > 6" },
	{ 0x60C, "dlc 12 > 6" },
	{ 0x610, "dlc 16 > 6" },
	{ 0x614, "dlc 20 > 6" },
	{ 0x618, "dlc 24 > 6" },
	{ 0x620, "dlc 32 > 6" },
	{ 0x630, "dlc 48 > 6" },
	{ 0x640, "dlc 64 > 6" },
	{ 0x800, "dlc 0 < 8" },
	{ 0x801, "dlc 1 < 8" },
	{ 0x802, "dlc 2 < 8" },
	{ 0x803, "dlc 3 < 8" },
	{ 0x804, "dlc 4 < 8" },
	{ 0x805, "dlc 5 < 8" },
	{ 0x806, "dlc 6 < 8" },
	{ 0x807, "dlc 7 < 8" },
	{ 0x80C, "dlc 12 > 8" },
	{ 0x810, "dlc 16 > 8" },
	{ 0x814, "dlc 20 > 8" },
	{ 0x818, "dlc 24 > 8" },
	{ 0x820, "dlc 32 > 8" },
	{ 0x830, "dlc 48 > 8" },
	{ 0x840, "dlc 64 > 8" },
	{ 0, NULL },
};

const struct co_table_ref co_table_list[] = {
	{ "co_nmt_cmds", co_nmt_cmds, NULL },
	{ "co_nmt_states", co_nmt_states, NULL },
	{ "co_emcy_codes", co_emcy_codes, NULL },
	{ "co_emcy_classes", NULL, co_emcy_classes },
	{ "co_emcy_reg_bits", co_emcy_reg_bits, NULL },
	{ "co_sdo_aborts", co_sdo_aborts, NULL },
	{ "co_sdo_fns", co_sdo_fns, NULL },
	{ "co_lss_cmds", co_lss_cmds, NULL },
	{ "co_lss_modes", co_lss_modes, NULL },
	{ "co_lss_bitrates", co_lss_bitrates, NULL },
	{ "co_lss_err_node_id", co_lss_err_node_id, NULL },
	{ "co_lss_err_bit_timing", co_lss_err_bit_timing, NULL },
	{ "co_lss_err_store", co_lss_err_store, NULL },
	{ "co_lss_val_names", co_lss_val_names, NULL },
	{ "co_od_objects", co_od_objects, NULL },
	{ "co_od_areas", NULL, co_od_areas },
	{ "why_dlc", why_dlc, NULL },
	{ NULL, NULL, NULL },
};

const char *
co_emcy_text(uint16_t code)
{
	const char *s = tok_str(co_emcy_codes, code, NULL);

	return s ? s : range_str(co_emcy_classes, code, "reserved");
}

const char *
co_od_name(uint16_t index)
{
	const char *s = tok_str(co_od_objects, index, NULL);

	return s ? s : range_str(co_od_areas, index, "reserved");
}

const char *
co_lss_err_text(uint8_t cs, uint8_t err)
{
	const struct co_tok *t;

	switch (cs) {
	case LSS_CONF_NODE_ID: t = co_lss_err_node_id; break;
	case LSS_CONF_BIT_TIMING: t = co_lss_err_bit_timing; break;
	case LSS_STORE: t = co_lss_err_store; break;
	default: return "unknown";
	}
	return tok_str(t, err, "reserved");
}

const char *
co_why_dlc(unsigned have, unsigned need)
{
	const char *dflt = have < need ? "frame too short" : "frame too long";

	if (have > 0xFF || need > 0xFF)
		return dflt;
	return tok_str(why_dlc, need << 8 | have, dflt);
}

#define MS_PER_DAY 86400000u
#define DAYS_1970_TO_1984 5113u

/* Proleptic Gregorian date of a day count since 1970-01-01 (the
 * era-of-400-years method: eras start on March 1st, year 0000). */
static void
civil_date(unsigned long z, unsigned *y, unsigned *m, unsigned *d)
{
	unsigned long era, doe, yoe, doy, mp;

	z += 719468;
	era = z / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (unsigned)(doy - (153 * mp + 2) / 5 + 1);
	*m = (unsigned)(mp < 10 ? mp + 3 : mp - 9);
	*y = (unsigned)(yoe + era * 400 + (*m <= 2));
}

size_t
co_time_iso(char *buf, size_t size, uint16_t days, uint32_t ms)
{
	unsigned long z = (unsigned long)days + DAYS_1970_TO_1984 +
			  ms / MS_PER_DAY;
	unsigned y, m, d;
	int n;

	ms %= MS_PER_DAY;
	civil_date(z, &y, &m, &d);
	n = snprintf(buf, size, "%04u-%02u-%02uT%02u:%02u:%02u.%03uZ", y, m,
		     d, (unsigned)(ms / 3600000u),
		     (unsigned)(ms / 60000u % 60u),
		     (unsigned)(ms / 1000u % 60u), (unsigned)(ms % 1000u));
	if (n < 0)
		return 0;
	return (size_t)n < size ? (size_t)n : size - 1;
}
