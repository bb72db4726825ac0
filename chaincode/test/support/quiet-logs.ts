// fabric-contract-api logs every decorator at info level; tests only want warnings and errors.
process.env.CORE_CHAINCODE_LOGGING_LEVEL = 'warning';
