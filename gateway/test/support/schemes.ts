import type { SchemeRecord } from '@stadspas/chaincode/vocabulary';

/** A scheme with a second municipality and a second venues organisation beside the city's three. */
export const regionScheme = {
  organisations: [
    { mspId: 'GemeenteMSP', name: 'Gemeente Groningen', roles: ['municipality'] },
    { mspId: 'WesterkwartierMSP', name: 'Gemeente Westerkwartier', roles: ['municipality'] },
    { mspId: 'SVBMSP', name: 'SVB', roles: ['payer'] },
    { mspId: 'VenuesMSP', name: 'Sport050', roles: ['venues'] },
    { mspId: 'MuseaMSP', name: 'Musea Groningen', roles: ['venues'] },
  ],
} as unknown as SchemeRecord;
