/* SPDX-License-Identifier: GPL-2.0-or-later */
/* co_objs.c - CiA 301 7.5.2 communication profile objects: names, data
 * types and which ones read better in hex (COB-IDs, identity, codes) */
#include "config.h"
#include "co_objs.h"

#include "od_value.h"

#define HEX CO_OBJ_HEX
#define U8 OD_UNSIGNED8
#define U16 OD_UNSIGNED16
#define U32 OD_UNSIGNED32
#define VS OD_VISIBLE_STRING

/* Sorted by lo; the first matching row wins. */
const struct co_objdef co_objdefs[] = {
	{ 0x1000, 0x1000, 0, 0, U32, HEX, "Device type" },
	{ 0x1001, 0x1001, 0, 0, U8, HEX, "Error register" },
	{ 0x1002, 0x1002, 0, 0, U32, HEX, "Manufacturer status register" },
	{ 0x1003, 0x1003, 0, 0, U8, 0, "Number of errors" },
	{ 0x1003, 0x1003, 1, 254, U32, HEX, "Standard error field" },
	{ 0x1005, 0x1005, 0, 0, U32, HEX, "COB-ID SYNC" },
	{ 0x1006, 0x1006, 0, 0, U32, 0, "Communication cycle period" },
	{ 0x1007, 0x1007, 0, 0, U32, 0, "Synchronous window length" },
	{ 0x1008, 0x1008, 0, 0, VS, 0, "Manufacturer device name" },
	{ 0x1009, 0x1009, 0, 0, VS, 0, "Manufacturer hardware version" },
	{ 0x100A, 0x100A, 0, 0, VS, 0, "Manufacturer software version" },
	{ 0x100C, 0x100C, 0, 0, U16, 0, "Guard time" },
	{ 0x100D, 0x100D, 0, 0, U8, 0, "Life time factor" },
	{ 0x1010, 0x1011, 0, 0, U8, 0, "Highest sub-index supported" },
	{ 0x1010, 0x1010, 1, 127, U32, HEX, "Store parameters" },
	{ 0x1011, 0x1011, 1, 127, U32, HEX, "Restore default parameters" },
	{ 0x1012, 0x1012, 0, 0, U32, HEX, "COB-ID TIME" },
	{ 0x1013, 0x1013, 0, 0, U32, 0, "High resolution time stamp" },
	{ 0x1014, 0x1014, 0, 0, U32, HEX, "COB-ID EMCY" },
	{ 0x1015, 0x1015, 0, 0, U16, 0, "Inhibit time EMCY" },
	{ 0x1016, 0x1016, 0, 0, U8, 0, "Highest sub-index supported" },
	{ 0x1016, 0x1016, 1, 127, U32, HEX, "Consumer heartbeat time" },
	{ 0x1017, 0x1017, 0, 0, U16, 0, "Producer heartbeat time" },
	{ 0x1018, 0x1018, 0, 0, U8, 0, "Highest sub-index supported" },
	{ 0x1018, 0x1018, 1, 1, U32, HEX, "Vendor-ID" },
	{ 0x1018, 0x1018, 2, 2, U32, HEX, "Product code" },
	{ 0x1018, 0x1018, 3, 3, U32, HEX, "Revision number" },
	{ 0x1018, 0x1018, 4, 4, U32, HEX, "Serial number" },
	{ 0x1019, 0x1019, 0, 0, U8, 0, "Synchronous counter overflow value" },
	{ 0x1020, 0x1020, 1, 1, U32, 0, "Configuration date" },
	{ 0x1020, 0x1020, 2, 2, U32, 0, "Configuration time" },
	{ 0x1028, 0x1028, 0, 0, U8, 0, "Highest sub-index supported" },
	{ 0x1028, 0x1028, 1, 127, U32, HEX, "Emergency consumer" },
	{ 0x1029, 0x1029, 0, 0, U8, 0, "Highest sub-index supported" },
	{ 0x1029, 0x1029, 1, 254, U8, 0, "Error behavior" },
	{ 0x1200, 0x12FF, 0, 0, U8, 0, "Highest sub-index supported" },
	{ 0x1200, 0x12FF, 1, 1, U32, HEX, "COB-ID client to server" },
	{ 0x1200, 0x12FF, 2, 2, U32, HEX, "COB-ID server to client" },
	{ 0x1200, 0x127F, 3, 3, U8, 0, "Node-ID of the SDO client" },
	{ 0x1280, 0x12FF, 3, 3, U8, 0, "Node-ID of the SDO server" },
	{ 0x1400, 0x15FF, 0, 0, U8, 0, "Highest sub-index supported" },
	{ 0x1400, 0x15FF, 1, 1, U32, HEX, "COB-ID used by RPDO" },
	{ 0x1400, 0x15FF, 2, 2, U8, 0, "Transmission type" },
	{ 0x1400, 0x15FF, 3, 3, U16, 0, "Inhibit time" },
	{ 0x1400, 0x15FF, 4, 4, U8, 0, "Compatibility entry" },
	{ 0x1400, 0x15FF, 5, 5, U16, 0, "Event-timer" },
	{ 0x1400, 0x15FF, 6, 6, U8, 0, "SYNC start value" },
	{ 0x1600, 0x17FF, 0, 0, U8, 0, "Number of mapped objects" },
	{ 0x1600, 0x17FF, 1, 64, U32, HEX, "Mapped object" },
	{ 0x1800, 0x19FF, 0, 0, U8, 0, "Highest sub-index supported" },
	{ 0x1800, 0x19FF, 1, 1, U32, HEX, "COB-ID used by TPDO" },
	{ 0x1800, 0x19FF, 2, 2, U8, 0, "Transmission type" },
	{ 0x1800, 0x19FF, 3, 3, U16, 0, "Inhibit time" },
	{ 0x1800, 0x19FF, 4, 4, U8, 0, "Reserved" },
	{ 0x1800, 0x19FF, 5, 5, U16, 0, "Event timer" },
	{ 0x1800, 0x19FF, 6, 6, U8, 0, "SYNC start value" },
	{ 0x1A00, 0x1BFF, 0, 0, U8, 0, "Number of mapped objects" },
	{ 0x1A00, 0x1BFF, 1, 64, U32, HEX, "Mapped object" },
	{ 0x1F80, 0x1F80, 0, 0, U32, HEX, "NMT startup" },
	{ 0, 0, 0, 0, 0, 0, NULL },
};

#define I8 OD_INTEGER8
#define I16 OD_INTEGER16
#define I32 OD_INTEGER32

/* CiA 402-2 objects commonly mapped to PDOs or read by SDO. */
const struct co_objdef co_objdefs_402[] = {
	{ 0x603F, 0x603F, 0, 0, U16, HEX, "Error code" },
	{ 0x6040, 0x6040, 0, 0, U16, HEX, "Controlword" },
	{ 0x6041, 0x6041, 0, 0, U16, HEX, "Statusword" },
	{ 0x605A, 0x605A, 0, 0, I16, 0, "Quick stop option code" },
	{ 0x6060, 0x6060, 0, 0, I8, 0, "Modes of operation" },
	{ 0x6061, 0x6061, 0, 0, I8, 0, "Modes of operation display" },
	{ 0x6062, 0x6062, 0, 0, I32, 0, "Position demand value" },
	{ 0x6063, 0x6063, 0, 0, I32, 0, "Position actual internal value" },
	{ 0x6064, 0x6064, 0, 0, I32, 0, "Position actual value" },
	{ 0x6065, 0x6065, 0, 0, U32, 0, "Following error window" },
	{ 0x606B, 0x606B, 0, 0, I32, 0, "Velocity demand value" },
	{ 0x606C, 0x606C, 0, 0, I32, 0, "Velocity actual value" },
	{ 0x6071, 0x6071, 0, 0, I16, 0, "Target torque" },
	{ 0x6072, 0x6072, 0, 0, U16, 0, "Max torque" },
	{ 0x6074, 0x6074, 0, 0, I16, 0, "Torque demand" },
	{ 0x6077, 0x6077, 0, 0, I16, 0, "Torque actual value" },
	{ 0x6078, 0x6078, 0, 0, I16, 0, "Current actual value" },
	{ 0x6079, 0x6079, 0, 0, U32, 0, "DC link circuit voltage" },
	{ 0x607A, 0x607A, 0, 0, I32, 0, "Target position" },
	{ 0x607C, 0x607C, 0, 0, I32, 0, "Home offset" },
	{ 0x607F, 0x607F, 0, 0, U32, 0, "Max profile velocity" },
	{ 0x6081, 0x6081, 0, 0, U32, 0, "Profile velocity" },
	{ 0x6083, 0x6083, 0, 0, U32, 0, "Profile acceleration" },
	{ 0x6084, 0x6084, 0, 0, U32, 0, "Profile deceleration" },
	{ 0x6098, 0x6098, 0, 0, I8, 0, "Homing method" },
	{ 0x60B0, 0x60B0, 0, 0, I32, 0, "Position offset" },
	{ 0x60B1, 0x60B1, 0, 0, I32, 0, "Velocity offset" },
	{ 0x60B2, 0x60B2, 0, 0, I16, 0, "Torque offset" },
	{ 0x60F4, 0x60F4, 0, 0, I32, 0, "Following error actual value" },
	{ 0x60FD, 0x60FD, 0, 0, U32, HEX, "Digital inputs" },
	{ 0x60FF, 0x60FF, 0, 0, I32, 0, "Target velocity" },
	{ 0x6502, 0x6502, 0, 0, U32, HEX, "Supported drive modes" },
	{ 0, 0, 0, 0, 0, 0, NULL },
};

static bool
table_find(const struct co_objdef *t, uint16_t index, uint8_t sub,
	   struct co_obj *o)
{
	const struct co_objdef *d;

	for (d = t; d->name; d++) {
		if (d->lo > index)
			break;
		if (index > d->hi || sub < d->sub_lo || sub > d->sub_hi)
			continue;
		o->name = d->name;
		o->dtype = d->dtype;
		o->flags = d->flags;
		return true;
	}
	return false;
}

bool
co_obj_402(uint16_t index, uint8_t sub, struct co_obj *o)
{
	if (index < 0x603F || index > 0x6502)
		return false;
	return table_find(co_objdefs_402, index, sub, o);
}

bool
co_obj_std(uint16_t index, uint8_t sub, struct co_obj *o)
{
	if (index < 0x1000 || index > 0x1FFF)
		return false;
	return table_find(co_objdefs, index, sub, o);
}
