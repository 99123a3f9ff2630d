// The Azure resources a workspace is linked to (storage account, key vault, container registry,
// Application Insights) and the built-in roles a user-assigned identity needs on them (S4). Their ARM
// ids are what the workspace body names and what role assignments are scoped to.

/** Built-in role definition GUIDs (public, the same in every tenant). */
export const ROLES = {
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe',
  storageFileDataPrivilegedContributor: '69566ab7-960f-475b-8e7c-b3118f30c6bd',
  keyVaultAdministrator: '00482a5a-887f-4fb3-b363-3b7fe8e74483',
  managedIdentityOperator: 'f1a07417-d97a-45cb-824c-7a7467783830',
} as const;

export interface LinkedResources {
  storageAccount: string;
  keyVault: string;
  applicationInsights: string;
  containerRegistry: string;
}

/** The ARM ids of a workspace's linked resources, named after its id as Azure ML names them at creation. */
export function linkedResources(ws: { subscriptionId: string; resourceGroup: string; workspaceId: string }): LinkedResources {
  const rg = `/subscriptions/${ws.subscriptionId}/resourceGroups/${ws.resourceGroup}`;
  const short = ws.workspaceId.replace(/-/g, '').slice(0, 12);
  return {
    storageAccount: `${rg}/providers/Microsoft.Storage/storageAccounts/st${short}`,
    keyVault: `${rg}/providers/Microsoft.KeyVault/vaults/kv${short}`,
    applicationInsights: `${rg}/providers/Microsoft.Insights/components/ai${short}`,
    containerRegistry: `${rg}/providers/Microsoft.ContainerRegistry/registries/cr${short}`,
  };
}
